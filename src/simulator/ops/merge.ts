import type { Core } from "../core.js";
import { HttpError } from "../errors.js";
import { diffTrees } from "../git.js";
import type { Repo } from "../types.js";
import { latestRuns } from "./checks.js";
import { addTimeline, emitIssueEvent, touch } from "./events.js";
import { pushCommits } from "./push.js";
import type { Pull } from "./pulls.js";
import { requiredChecks } from "./protection.js";

export type MergeMethod = "merge" | "squash" | "rebase";

/**
 * The commits GitHub writes on the base branch for each merge method: a merge commit (base head, then
 * the pull request's head as parents), one squashed commit (the pull request's changes, one parent), or
 * each commit of the pull request replayed onto the base (new shas, committed by the merger, authored as
 * before). Returns the sha GitHub reports as the merge commit (for rebase: the last replayed commit).
 */
function landCommits(core: Core, actor: string, repo: Repo, issue: Pull, method: MergeMethod, title: string | undefined): string {
  const { pull } = issue;
  const head = repo.commits.get(pull.headSha)?.tree ?? new Map<string, string>();
  const filesOf = (before: Map<string, string>, after: Map<string, string>): Record<string, string | null> => {
    const files: Record<string, string | null> = {};
    for (const change of diffTrees(before, after)) files[change.filename] = after.get(change.filename) ?? null;
    return files;
  };
  const files = filesOf(repo.commits.get(pull.baseSha)?.tree ?? new Map(), head);
  if (method === "merge") {
    const [merge] = pushCommits(core, actor, repo, pull.baseRef, [
      { message: title ?? `Merge pull request #${issue.number} from ${pull.headRepo.split("/")[0]}/${pull.headRef}`, files, mergeParents: [pull.headSha] },
    ], { activity: "pr_merge" });
    if (!merge) throw new Error("merge produced no commit");
    pull.landedCommits = [merge.sha];
    return merge.sha;
  }
  if (method === "squash") {
    const [squash] = pushCommits(core, actor, repo, pull.baseRef, [{ message: title ?? `${issue.title} (#${issue.number})`, files, author: issue.user }], { activity: "pr_merge" });
    if (!squash) throw new Error("squash produced no commit");
    pull.landedCommits = [squash.sha];
    return squash.sha;
  }
  const headRepo = core.store.repoByName(pull.headRepo);
  const inputs = pull.commits.flatMap((sha) => {
    const c = headRepo.commits.get(sha) ?? repo.commits.get(sha);
    if (!c || c.parents.length > 1) return [];
    const parent = headRepo.commits.get(c.parents[0] ?? "")?.tree ?? new Map<string, string>();
    return [{ message: c.message, files: filesOf(parent, c.tree), author: { name: c.author.name, email: c.author.email }, committer: actor }];
  });
  const replayed = pushCommits(core, actor, repo, pull.baseRef, inputs, { activity: "pr_merge" });
  const last = replayed.at(-1);
  if (!last) throw new Error("rebase produced no commit");
  pull.landedCommits = replayed.map((c) => c.sha);
  return last.sha;
}

/** Merges like `PUT .../merge`: refuses when not open, head moved, or a required check is not green. */
export function mergePull(core: Core, actor: string, repo: Repo, issue: Pull, opts: { sha?: string; method?: MergeMethod; title?: string } = {}): string {
  const { pull } = issue;
  if (issue.state !== "open" || pull.merged) throw new HttpError(405, "Pull Request is not mergeable");
  if (opts.sha && opts.sha !== pull.headSha) throw new HttpError(409, "Head branch was modified. Review and try the merge again.");
  const runs = latestRuns(core, repo, pull.headSha);
  for (const context of requiredChecks(repo, pull.baseRef)) {
    const run = runs.find((r) => r.name === context);
    if (run?.conclusion !== "success" && run?.conclusion !== "neutral" && run?.conclusion !== "skipped") {
      throw new HttpError(405, `Required status check "${context}" is expected.`);
    }
  }
  pull.mergeMethod = opts.method ?? "merge";
  const mergeSha = landCommits(core, actor, repo, issue, opts.method ?? "merge", opts.title);
  const now = core.now();
  pull.merged = true;
  pull.mergedAt = now;
  pull.mergedBy = actor;
  pull.mergeCommitSha = mergeSha;
  issue.state = "closed";
  repo.openIssues--;
  issue.closedAt = now;
  issue.closedBy = actor;
  touch(core, repo, issue);
  addTimeline(core, issue, { event: "merged", actor, commitId: mergeSha });
  addTimeline(core, issue, { event: "closed", actor, commitId: mergeSha });
  emitIssueEvent(core, repo, issue, "closed", actor);
  return mergeSha;
}
