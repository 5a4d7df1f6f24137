import { Octokit } from "@octokit/rest";
import { expect, it } from "vitest";
import { silent, useSimulator } from "./helpers.js";
import type { Simulator } from "../../src/simulator/index.js";

let sim: Simulator;
useSimulator((s) => ({ sim } = s));

// GitHub Enterprise Server serves REST under http(s)://HOST/api/v3 and GraphQL at /api/graphql; a
// client configured as Probot is with GHE_HOST follows its pagination links there as well.
it("answers REST under /api/v3, with pagination links there, and GraphQL at /api/graphql, as GitHub Enterprise Server does", async () => {
  for (let i = 0; i < 3; i++) sim.as("alice").openIssue("acme/web", { title: `#${i}` });
  const ghe = new Octokit({ baseUrl: `${sim.url}/api/v3`, auth: sim.installationToken(), log: silent, request: { retries: 0 } });
  const first = await ghe.request("GET /repos/{owner}/{repo}/issues", { owner: "acme", repo: "web", per_page: 1 });
  expect(first.headers.link).toContain(`<${sim.url}/api/v3/repos/acme/web/issues?`);
  expect(first.headers["x-github-enterprise-version"]).toMatch(/^enterprise-server@3\.\d+\.\d+$/);
  const all = await ghe.paginate("GET /repos/{owner}/{repo}/issues", { owner: "acme", repo: "web", per_page: 1 });
  expect(all.map((i) => i.title).sort()).toEqual(["#0", "#1", "#2"]);
  const data = await ghe.graphql<{ repository: { nameWithOwner: string } }>(`query { repository(owner: "acme", name: "web") { nameWithOwner } }`);
  expect(data.repository.nameWithOwner).toBe("acme/web");
  expect(sim.requestLog.map((r) => r.route)).toContain("POST /graphql");
});
