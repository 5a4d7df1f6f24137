import type { Core } from "../core.js";
import type { Repo } from "../types.js";
import { pullRefs } from "./check.js";
import { appJson, nodeId } from "./user.js";

/**
 * The app's check suite on a commit, as in `check_suite` webhooks: one suite per app and commit;
 * `head_branch` is the branch whose head the commit is (null when none), `pull_requests` as for check runs.
 */
export function checkSuiteJson(core: Core, repo: Repo, sha: string): Record<string, unknown> {
  const api = `${core.urls.api}/repos/${repo.fullName}`;
  const id = Number.parseInt(sha.slice(0, 8), 16);
  const runs = [...core.store.checkRuns.values()].filter((r) => r.repo === repo.fullName && r.headSha === sha && r.appId === core.app.id);
  const commit = repo.commits.get(sha);
  const branch = [...repo.branches.values()].find((b) => b.sha === sha)?.name ?? null;
  const done = runs.length > 0 && runs.every((r) => r.status === "completed");
  const who = (a: { name: string; email: string }) => ({ name: a.name, email: a.email });
  return {
    id,
    node_id: nodeId("CheckSuite", id),
    head_branch: branch,
    head_sha: sha,
    status: done ? "completed" : runs.length ? "in_progress" : "queued",
    conclusion: done ? (runs.some((r) => r.conclusion === "failure") ? "failure" : (runs.at(-1)?.conclusion ?? null)) : null,
    url: `${api}/check-suites/${id}`,
    before: commit?.parents[0] ?? null,
    after: sha,
    pull_requests: pullRefs(core, repo, sha),
    app: appJson(core),
    created_at: runs[0]?.startedAt ?? core.now(),
    updated_at: runs.at(-1)?.completedAt ?? core.now(),
    latest_check_runs_count: new Set(runs.map((r) => r.name)).size,
    check_runs_url: `${api}/check-suites/${id}/check-runs`,
    head_commit: commit
      ? { id: sha, tree_id: sha.split("").reverse().join(""), message: commit.message, timestamp: commit.committer.date, author: who(commit.author), committer: who(commit.committer) }
      : null,
  };
}
