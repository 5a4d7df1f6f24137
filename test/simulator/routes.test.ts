import { expect, it } from "vitest";
import { Tokens } from "../../src/simulator/auth.js";
import { buildRouter } from "../../src/simulator/routes/index.js";
import { operationTemplate } from "../helpers/openapi.js";

// A route GitHub does not have lets the app depend on an endpoint that answers 404 in production.
it("serves only REST operations that GitHub's description has", () => {
  const missing = buildRouter(new Tokens())
    .templates()
    // GraphQL is one endpoint outside the REST description, checked against @octokit/graphql-schema.
    .filter((t) => t !== "POST /graphql")
    .filter((t) => !operationTemplate(t.split(" ")[0]!, t.split(" ")[1]!));
  expect(missing).toEqual([]);
});
