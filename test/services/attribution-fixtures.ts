import type { ChangeRecord, DeploymentRecord } from "../../src/evidence/types.js";
import { change } from "../evidence/fixtures.js";

/** A change record of `repo` whose first commit is at `firstCommitAt`. */
export function changeRecord(repo: string, n: number, firstCommitAt: string): ChangeRecord {
  return { ...change(n), repo, url: `https://github.com/${repo}/pull/${n}`, timeline: [{ at: firstCommitAt, actor: null, event: "committed", detail: "c".repeat(40), source: "/graphql" }] };
}

/** A gated production deployment of `repo` that delivered `pulls`, its outcome reached at `at`. */
export function deploymentRecord(repo: string, id: number, at: string, outcome: "success" | "failed", pulls: number[]): DeploymentRecord {
  const finishedAt = at;
  return {
    kind: "deployment", repo, number: id, url: `https://github.com/${repo}/deployments/production`, environment: "production", gated: true, sha: String(id).padStart(40, "0"), ref: "main",
    creator: "alice", createdAt: at, finishedAt, outcome, rollback: false, statuses: [{ state: outcome === "success" ? "success" : "failure", at: finishedAt, by: "alice", description: null, logUrl: null }],
    gate: { decision: "approved", mode: "prevent", reasons: [], directPushes: [], standardRule: null, emergency: false, checkRun: null },
    changes: pulls.map((pull) => ({ repo, pull, url: `https://github.com/${repo}/pull/${pull}`, record: null, via: ["merge-commit"], incidents: [] })),
    traces: [], sources: [],
  };
}
