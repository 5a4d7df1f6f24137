import type { Core } from "../core.js";
import { issueJson } from "../json/issue.js";
import { pullJson } from "../json/pull.js";
import type { Issue, Repo, TimelineEvent } from "../types.js";

/** Appends a timeline event stamped with the simulator clock. */
export function addTimeline(core: Core, issue: Issue, event: Omit<TimelineEvent, "id" | "createdAt">): TimelineEvent {
  const entry: TimelineEvent = { id: core.store.id(), createdAt: core.now(), ...event };
  issue.timeline.push(entry);
  return entry;
}

export function touch(core: Core, repo: Repo, issue: Issue): void {
  issue.updatedAt = core.now();
  repo.updatedAt = issue.updatedAt;
}

/** Emits `issues.<action>`, or `pull_request.<action>` when the issue is a pull request. */
export function emitIssueEvent(
  core: Core,
  repo: Repo,
  issue: Issue,
  action: string,
  sender: string,
  extra: Record<string, unknown> = {},
): void {
  if (issue.pull) {
    core.emitRepo("pull_request", repo, sender, {
      action,
      number: issue.number,
      ...("changes" in extra ? { changes: extra.changes } : {}),
      pull_request: pullJson(core, repo, issue),
      ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== "changes")),
    });
    return;
  }
  core.emitRepo("issues", repo, sender, { action, issue: issueJson(core, repo, issue), ...extra });
}

const REF = /(?:^|[^\w/])(?:([\w.-]+)\/([\w.-]+))?#(\d+)\b/g;

/** Records `cross-referenced` on every other issue that a body or comment mentions (#N, owner/repo#N). */
export function crossReference(core: Core, repo: Repo, source: Issue, text: string | null, actor: string): void {
  if (!text) return;
  const seen = new Set<string>();
  for (const m of text.matchAll(REF)) {
    const target = m[1] && m[2] ? core.store.repos.get(`${m[1]}/${m[2]}`.toLowerCase()) : repo;
    const issue = target?.issues.get(Number(m[3]));
    if (!target || !issue || (target === repo && issue === source)) continue;
    const key = `${target.fullName}#${issue.number}`;
    const already = issue.timeline.some(
      (e) => e.event === "cross-referenced" && e.source?.repo === repo.fullName && e.source.number === source.number,
    );
    if (seen.has(key) || already) continue;
    seen.add(key);
    addTimeline(core, issue, { event: "cross-referenced", actor, source: { repo: repo.fullName, number: source.number } });
  }
}
