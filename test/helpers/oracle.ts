import type { Oracle } from "../../src/simulator/oracle.js";
import { checkGraphql, checkHttp, checkResponseBody } from "./openapi.js";
import { checkWebhookPayload } from "./webhook-schemas.js";

/**
 * Holds the simulator to GitHub's published descriptions: each webhook it emits must match
 * GitHub's webhook schema, each request it receives must be one GitHub's REST description accepts.
 */
export const githubOracle: Oracle = {
  webhook: (event, payload) => checkWebhookPayload(event, payload),
  request(req) {
    // GraphQL: the query must be one GitHub's published schema (@octokit/graphql-schema) accepts, not only the simulator's subset
    if (req.method === "POST" && req.path === "/graphql") {
      const v = checkGraphql((req.body ?? {}) as Record<string, unknown>);
      return v ? [`POST /graphql: ${v.problem}`] : [];
    }
    const v = checkHttp(req);
    return v ? [`${v.method.toUpperCase()} ${req.path}${req.query.length ? "?" + new URLSearchParams(req.query).toString() : ""} (${v.url}): ${v.problem}`] : [];
  },
  response(res) {
    if (res.method === "POST" && res.path === "/graphql") return [];
    const v = checkResponseBody(res.method, res.path, res.status, res.body);
    return v ? [`${v.method.toUpperCase()} ${res.path} ${res.status} (${v.url}): ${v.problem}`] : [];
  },
};
