import type { Core } from "../core.js";
import { HttpError } from "../errors.js";
import { diffTrees } from "../git.js";
import type { Repo } from "../types.js";
import { latestRuns } from "./checks.js";
import { addTimeline, emitIssueEvent, touch } from "./events.js";
import { pushCommits } from "./push.js";
import type { Pull } from "./pulls.js";
import { requiredChecks } from "./protection.js";

/** Merges like `PUT .../merge`: refuses when not open, head moved, or a required check is not green. */
export function mergePull(core: Core, actor: string, repo: Repo, issue: Pull, opts: { sha?: string; method?: string; title?: string } = {}): string {
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
  // The merge applies the pull request's own changes onto the current base branch.
  const head = repo.commits.get(pull.headSha)?.tree ?? new Map<string, string>();
  const files: Record<string, string | null> = {};
  for (const change of diffTrees(repo.commits.get(pull.baseSha)?.tree ?? new Map(), head)) files[change.filename] = head.get(change.filename) ?? null;
  const [merge] = pushCommits(core, actor, repo, pull.baseRef, [
    { message: opts.title ?? `Merge pull request #${issue.number} from ${pull.headRepo.split("/")[0]}/${pull.headRef}`, files, mergeParents: [pull.headSha] },
  ], { activity: "pr_merge" });
  if (!merge) throw new Error("merge produced no commit");
  const now = core.now();
  pull.merged = true;
  pull.mergedAt = now;
  pull.mergedBy = actor;
  pull.mergeCommitSha = merge.sha;
  issue.state = "closed";
  repo.openIssues--;
  issue.closedAt = now;
  issue.closedBy = actor;
  touch(core, repo, issue);
  addTimeline(core, issue, { event: "merged", actor, commitId: merge.sha });
  addTimeline(core, issue, { event: "closed", actor, commitId: merge.sha });
  emitIssueEvent(core, repo, issue, "closed", actor);
  return merge.sha;
}
