import { decodeTraces } from "../../../core/trace.js";
import type { CollectedTrace, RecordLink, TimelineEvent } from "../../types.js";
import { login, type GqlTimelineItem, type RepoIndex } from "../gql-types.js";

/** A comment as the normalisers read it. */
export interface CommentView {
  at: string;
  author: string | null;
  bot: boolean;
  association: string;
  body: string;
  url: string;
  /** Someone edited it after it was written (GraphQL `lastEditedAt`). */
  edited: boolean;
  /** Its last edit was made by someone other than its author (GraphQL `editor`): for the app's comments, a person's edit. */
  editedByOther: boolean;
}

/** The comments in a timeline. */
export function commentsOf(items: readonly GqlTimelineItem[]): CommentView[] {
  return items
    .filter((i) => i.__typename === "IssueComment")
    .map((i) => ({ at: i.createdAt ?? "", author: login(i.author), bot: i.author?.__typename === "Bot", association: i.authorAssociation ?? "NONE", body: i.body ?? "", url: i.url ?? "", edited: !!i.lastEditedAt, editedByOther: !!i.lastEditedAt && login(i.editor ?? null) !== login(i.author ?? null) }));
}

/**
 * Whose comments and check runs count as the app's: one app's slug, or any app (null). Passed in with
 * each export's context, so two exports in one process never see each other's filter.
 */
export type TrustedApp = string | null;

/** The filter of an export: only this app (by slug or `<slug>[bot]` login); null trusts any app. */
export function trustApp(slugOrLogin: string | null | undefined): TrustedApp {
  return slugOrLogin ? slugOrLogin.toLowerCase().replace(/\[bot\]$/, "") : null;
}

/** Is this app (by slug or `<slug>[bot]` login) the trusted one? */
export function isTrustedApp(trusted: TrustedApp, loginOrSlug: string | null | undefined): boolean {
  if (trusted === null) return true;
  return (loginOrSlug ?? "").toLowerCase().replace(/\[bot\]$/, "") === trusted;
}

/** Comments written by the app (the only place its markers and traces count: a person or another bot could paste one). */
/**
 * The app's comments whose last edit (if any) was the app's own: anyone with write access can edit the
 * app's comments, and a marker or trace a person put there is no evidence of what the app did.
 */
export const botComments = (items: readonly GqlTimelineItem[], trusted: TrustedApp) => commentsOf(items).filter((c) => c.bot && isTrustedApp(trusted, c.author) && !c.editedByOther);

/** Every trace in the app's comments (the record card carries the latest decisions). */
export function tracesOf(comments: readonly CommentView[], source: string | null): CollectedTrace[] {
  return comments.flatMap((c) => decodeTraces(c.body).map((trace) => ({ trace, url: c.url, source })));
}

const sortByTime = (events: TimelineEvent[]) =>
  events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i)
    .map((x) => x.e);

/** GitHub's timeline as TimelineEvents (plus `opened`), oldest first; `extra` adds reviews and commits of a PR. */
export function timelineOf(created: { at: string; by: string | null }, items: readonly GqlTimelineItem[], source: string | null, extra: TimelineEvent[] = []): TimelineEvent[] {
  const out: TimelineEvent[] = [{ at: created.at, actor: created.by, event: "opened", detail: null, source }];
  for (const i of items) {
    const at = i.createdAt ?? "";
    const actor = login(i.actor ?? i.author);
    const e = (event: string, detail: string | null) => out.push({ at, actor, event, detail, source });
    switch (i.__typename) {
      case "LabeledEvent":
        e("labeled", i.label?.name ?? null);
        break;
      case "UnlabeledEvent":
        e("unlabeled", i.label?.name ?? null);
        break;
      case "AssignedEvent":
        e("assigned", i.assignee?.login ?? null);
        break;
      case "UnassignedEvent":
        e("unassigned", i.assignee?.login ?? null);
        break;
      case "ClosedEvent":
        e("closed", i.stateReason?.toLowerCase() ?? null);
        break;
      case "ReopenedEvent":
        e("reopened", null);
        break;
      case "IssueComment":
        e("commented", i.url ?? null);
        break;
      case "CrossReferencedEvent":
        e("cross-referenced", i.source?.repository ? `${i.source.repository.nameWithOwner}#${i.source.number}` : null);
        break;
      case "RenamedTitleEvent":
        e("renamed", `${i.previousTitle ?? ""} -> ${i.currentTitle ?? ""}`);
        break;
      case "MergedEvent":
        e("merged", i.commit?.oid ?? null);
        break;
      case "HeadRefForcePushedEvent":
        e("head_ref_force_pushed", i.afterCommit?.oid ?? null);
        break;
      case "ReviewDismissedEvent":
        e("review_dismissed", i.review?.databaseId ? String(i.review.databaseId) : null);
        break;
    }
  }
  return sortByTime([...out, ...extra]);
}

/** The REST issue-timeline shape src/sla/timeline.ts normalises, from GraphQL items. */
export function restTimeline(items: readonly GqlTimelineItem[]) {
  const user = (a: GqlTimelineItem["actor"]) => (a ? { login: login(a)!, type: a.__typename === "Bot" ? "Bot" : "User" } : null);
  return items.flatMap((i) => {
    const created_at = i.createdAt;
    switch (i.__typename) {
      case "LabeledEvent":
      case "UnlabeledEvent":
        return [{ event: i.__typename === "LabeledEvent" ? "labeled" : "unlabeled", created_at, label: i.label, actor: user(i.actor) }];
      case "AssignedEvent":
        return [{ event: "assigned", created_at, actor: user(i.actor), assignee: i.assignee?.login ? { login: i.assignee.login } : null }];
      case "IssueComment":
        return [{ event: "commented", created_at, user: user(i.author) }];
      case "ClosedEvent":
        return [{ event: "closed", created_at }];
      case "ReopenedEvent":
        return [{ event: "reopened", created_at }];
      default:
        return [];
    }
  });
}

/** The set of labels on an issue when it was opened (as src/sla/timeline.ts reads it) and each change after. */
export function labelStates(current: readonly string[], items: readonly GqlTimelineItem[]): { initial: string[]; changes: Array<{ at: string; by: string | null; labels: string[] }> } {
  const first = new Map<string, string>();
  for (const i of items) {
    if ((i.__typename === "LabeledEvent" || i.__typename === "UnlabeledEvent") && i.label) {
      const n = i.label.name.toLowerCase();
      if (!first.has(n)) first.set(n, i.__typename);
    }
  }
  const labels = new Map<string, string>();
  for (const [n, ev] of first) if (ev === "UnlabeledEvent") labels.set(n, n);
  for (const l of current) if (!first.has(l.toLowerCase())) labels.set(l.toLowerCase(), l);
  const initial = [...labels.values()];
  const changes: Array<{ at: string; by: string | null; labels: string[] }> = [];
  for (const i of items) {
    if (!i.label || (i.__typename !== "LabeledEvent" && i.__typename !== "UnlabeledEvent")) continue;
    if (i.__typename === "LabeledEvent") labels.set(i.label.name.toLowerCase(), i.label.name);
    else labels.delete(i.label.name.toLowerCase());
    changes.push({ at: i.createdAt ?? "", by: login(i.actor), labels: [...labels.values()] });
  }
  return { initial, changes };
}

/** A link to an issue of the same repository, with its kind and URL from the index when known. */
export function linkTo(index: RepoIndex, number: number, fallbackKind: RecordLink["kind"], at: string | null, htmlBase: string): RecordLink {
  const known = index.issues[number];
  return { kind: known?.kind ?? fallbackKind, repo: index.repo, number, url: known?.url ?? `${htmlBase}/${index.repo}/issues/${number}`, at };
}

/** `https://github.com` from a record URL `https://github.com/o/r/issues/1`. */
export function htmlBase(url: string): string {
  const m = /^(https?:\/\/[^/]+)\//.exec(url);
  return m ? m[1]! : "https://github.com";
}

/** The fields every issue-based record starts with: where it is, who reported it, when it opened and closed. */
export function issueBase(node: { number: number; title: string; url: string; state: string; createdAt: string; closedAt: string | null; author: Parameters<typeof login>[0] }, repo: string) {
  return {
    repo,
    number: node.number,
    title: node.title,
    url: node.url,
    state: node.state === "OPEN" ? ("open" as const) : ("closed" as const),
    createdAt: node.createdAt,
    closedAt: node.state === "CLOSED" ? node.closedAt : null,
    reporter: login(node.author),
  };
}
