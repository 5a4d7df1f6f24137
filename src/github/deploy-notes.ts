import { decodeTraces } from "../core/trace.js";
import { isDeployNote, parseNote, type NoteState } from "../deploy/notes.js";
import { editedNotices } from "../records/markers.js";
import { isAppAuthored, isOwnComment } from "./bot-identity.js";
import { postOnceRaceSafe } from "./once-comments.js";
import { listComments, type CommentFact } from "./comments.js";
import { ownDeployRun } from "./deploy-facts.js";
import type { Octokit, RepoRef } from "./types.js";

/** What the gate's check run of a deployment says: its decision and the changes it delivers. */
export async function gateTraceOf(octokit: Octokit, r: RepoRef, d: { id: number; sha: string; environment: string }) {
  const run = await ownDeployRun(octokit, r, d);
  const trace = run ? decodeTraces(run.summary).find((t) => t.rule === "deploy.gate") : undefined;
  const changes = Array.isArray(trace?.result.changes) ? (trace.result.changes as Array<{ pull: number; record: number | null }>) : [];
  return { decision: typeof trace?.result.decision === "string" ? trace.result.decision : null, mode: trace?.inputs.mode ?? null, changes };
}

/** The deployments of an environment, oldest first (ids, shas and times: what `isRollback` needs). */
export async function environmentHistory(octokit: Octokit, r: RepoRef, environment: string) {
  const { data } = await octokit.rest.repos.listDeployments({ ...r, environment, per_page: 100 });
  return data.map((d) => ({ id: d.id, sha: d.sha, environment: d.environment, createdAt: d.created_at })).reverse();
}

/**
 * The app's deployment note on an issue or pull request (edited ones too: it is rewritten in place),
 * its state when nobody but the app edited it (else empty: derived again), and all its comments.
 * The app's comments someone edited are reported there once each.
 */
export async function findNote(octokit: Octokit, r: RepoRef, issue: number): Promise<{ note: CommentFact | null; state: NoteState; comments: CommentFact[] }> {
  const comments = await listComments(octokit, r, issue);
  await postOnceRaceSafe(octokit, r, issue, editedNotices(comments), comments);
  const note = comments.find((c) => isAppAuthored(c) && isDeployNote(c.body)) ?? null;
  return { note, state: parseNote(note && isOwnComment(note) ? note.body : ""), comments };
}

/** Writes the note: created, edited when it differs, else left alone. */
export async function writeNote(octokit: Octokit, r: RepoRef, issue: number, existing: CommentFact | null, body: string): Promise<void> {
  if (existing?.body === body) return;
  if (existing) await octokit.rest.issues.updateComment({ ...r, comment_id: existing.id, body });
  else await octokit.rest.issues.createComment({ ...r, issue_number: issue, body });
}

export async function addLabel(octokit: Octokit, r: RepoRef, issue: number, label: string): Promise<void> {
  await octokit.rest.issues.addLabels({ ...r, issue_number: issue, labels: [label] });
}

/** Open issues carrying `label` whose body holds `marker` (finding an incident opened once). */
export async function issuesWithMarker(octokit: Octokit, r: RepoRef, label: string, marker: string): Promise<number[]> {
  const { data } = await octokit.rest.issues.listForRepo({ ...r, labels: label, state: "all", per_page: 100 });
  return data.filter((i) => (i.body ?? "").includes(marker)).map((i) => i.number);
}
