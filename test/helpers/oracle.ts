import type { Oracle } from "../../src/simulator/oracle.js";
import { checkHttp, checkResponseBody } from "./openapi.js";
import { checkWebhookPayload } from "./webhook-schemas.js";

/**
 * Holds the simulator to GitHub's published descriptions: each webhook it emits must match
 * GitHub's webhook schema, each request it receives must be one GitHub's REST description accepts.
 */
export const githubOracle: Oracle = {
  webhook: (event, payload) => checkWebhookPayload(event, payload),
  request(req) {
    // GraphQL has its own schema (@octokit/graphql-schema), checked by the simulator's GraphQL layer.
    if (req.method === "POST" && req.path === "/graphql") return [];
    const v = checkHttp(req);
    return v ? [`${v.method.toUpperCase()} ${req.path}${req.query.length ? "?" + new URLSearchParams(req.query).toString() : ""} (${v.url}): ${v.problem}`] : [];
  },
  response(res) {
    if (res.method === "POST" && res.path === "/graphql") return [];
    const v = checkResponseBody(res.method, res.path, res.status, res.body);
    return v ? [`${v.method.toUpperCase()} ${res.path} ${res.status} (${v.url}): ${v.problem}`] : [];
  },
};
