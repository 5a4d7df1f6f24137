import { encodeTrace } from "../../src/core/trace.js";
import type { GqlCheckRun, GqlDeployment, RepoIndex } from "../../src/evidence/export/gql-types.js";
import type { NormaliseContext } from "../../src/evidence/export/normalise/incident.js";
import { resolveConfig } from "../../src/config/resolve.js";

/** GraphQL deployment nodes as the exporter reads them, for the normaliser's pure tests. */
export const SHA = "a".repeat(40);
export const index: RepoIndex = {
  repo: "acme/web",
  htmlUrl: "https://github.com/acme/web",
  config: { text: null, source: null, provenance: { repo: "acme/web", judgedBy: "defaults", files: [], assumed: false } as unknown as RepoIndex["config"]["provenance"] },
  issues: {
    "40": { kind: "change", closedAt: null, url: "https://github.com/acme/web/issues/40", mentionedBy: [50, 51] },
    "50": { kind: "incident", closedAt: null, url: "https://github.com/acme/web/issues/50" },
    "51": { kind: "problem", closedAt: null, url: "https://github.com/acme/web/issues/51" },
  },
  merged: { [SHA]: 12 },
  deployments: [
    { id: 1, sha: "b".repeat(40), environment: "production", createdAt: "2026-03-01T10:00:00Z" },
    { id: 2, sha: SHA, environment: "production", createdAt: "2026-03-02T10:00:00Z" },
  ],
};
export const ctx = (trusted: string | null = "ims-bot"): NormaliseContext => ({ index, config: resolveConfig(null).config, periodEnd: "2026-03-31T23:59:59Z", trusted });

export const trace = (id: number, decision: string, extra: Record<string, unknown> = {}) =>
  encodeTrace({ v: 1, rule: "deploy.gate", inputs: { deployment: { id, environment: "production", sha: SHA }, mode: "prevent" }, result: { decision, reasons: decision === "rejected" ? ["direct push"] : [], changes: [{ repo: "acme/web", pull: 12, record: 40 }], ...extra }, time: "2026-03-03T10:00:00Z", delivery: null });

export const run = (over: Partial<GqlCheckRun>): GqlCheckRun => ({
  databaseId: 77,
  name: "IMS / deployment: production",
  status: "COMPLETED",
  conclusion: "SUCCESS",
  startedAt: "2026-03-03T10:00:00Z",
  completedAt: "2026-03-03T10:00:01Z",
  title: "approved",
  summary: trace(3, "approved"),
  url: "https://github.com/acme/web/runs/77",
  externalId: "deployment:3",
  ...over,
});

export const deployment = (suites: Array<{ slug: string; runs: GqlCheckRun[] }>, statuses: Array<[string, string]> = [["SUCCESS", "2026-03-03T10:05:00Z"]]): GqlDeployment => ({
  databaseId: 3,
  environment: "production",
  commitOid: SHA,
  createdAt: "2026-03-03T10:00:00Z",
  updatedAt: "2026-03-03T10:05:00Z",
  state: "ACTIVE",
  task: "deploy",
  description: null,
  ref: { name: "main", prefix: "refs/heads/" },
  creator: { login: "alice", __typename: "User" },
  latestStatus: null,
  statuses: { nodes: statuses.map(([state, createdAt]) => ({ state, createdAt, description: null, environmentUrl: null, logUrl: null, creator: { login: "github-actions", __typename: "Bot" } })) },
  commit: { oid: SHA, checkSuites: { nodes: suites.map((s) => ({ app: { slug: s.slug }, checkRuns: { nodes: s.runs } })) } },
});

