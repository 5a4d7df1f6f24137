import type { Logger } from "probot";
import { parseReviewLink } from "../change/review-record.js";
import { isRollback } from "../deploy/history.js";
import { CHANGE_FAILED_LABEL, renderNote, withRow, type NoteRow } from "../deploy/notes.js";
import { kindLabel } from "../records/kinds.js";
import { isOwnComment } from "../github/bot-identity.js";
import { createIssueOnce } from "../github/create-once.js";
import { readDeployment } from "../github/deploy-facts.js";
import { addLabel, environmentHistory, findNote, gateTraceOf, issuesWithMarker, writeNote } from "../github/deploy-notes.js";
import { ensureLabels } from "../github/labels.js";
import { loadConfig } from "../github/load-config.js";
import { serialized } from "../github/review-record.js";
import type { Octokit, RepoRef } from "../github/types.js";

const FAILED_STATES: ReadonlySet<string> = new Set(["failure", "error"]);

/**
 * Notes a deployment on every change record, pull request and post-implementation review it delivers
 * (one note each, edited in place). A failed deployment fails those changes; a rollback (an older commit
 * deployed again) fails the changes of the deployment it replaced. With `deploy.incidentOnFailure` one
 * incident is opened per failed change, never twice.
 */
export async function noteDeployment(octokit: Octokit, r: RepoRef, input: { deploymentId: number; state: string; now: Date }, log: Logger): Promise<void> {
  const d = await readDeployment(octokit, r, input.deploymentId);
  const gate = await gateTraceOf(octokit, r, d);
  const row: NoteRow = { id: d.id, environment: d.environment, sha: d.sha, creator: d.creator, createdAt: d.createdAt, outcome: input.state, decision: gate.decision };
  // a deployment the protection rule rejected never ran: its end is no failure of the changes
  const ran = !(gate.decision === "rejected" && gate.mode === "prevent");
  const failed = ran && FAILED_STATES.has(input.state) ? `deployment ${d.id} to ${d.environment} (${d.sha.slice(0, 7)}) ended \`${input.state}\`` : null;
  const config = (await loadConfig(octokit, r.owner, r.repo)).config.deploy;
  for (const c of gate.changes) await noteChange(octokit, r, c, row, failed, config.incidentOnFailure, input.now);
  // a rollback: the change the replaced deployment delivered failed
  const history = await environmentHistory(octokit, r, d.environment);
  if (input.state !== "success" || !isRollback(history, d)) return;
  const replaced = history.filter((h) => h.id < d.id && h.sha !== d.sha).at(-1);
  if (!replaced) return;
  const before = await gateTraceOf(octokit, r, replaced);
  const why = `rolled back: deployment ${d.id} put ${d.environment} back on the older commit ${d.sha.slice(0, 7)}, replacing ${replaced.sha.slice(0, 7)}`;
  for (const c of before.changes) await noteChange(octokit, r, c, null, why, config.incidentOnFailure, input.now);
  log.info({ repo: `${r.owner}/${r.repo}`, deployment: d.id, replaced: replaced.id, changes: before.changes.map((c) => c.pull) }, "deployment rollback: the replaced changes are marked failed");
}

async function noteChange(octokit: Octokit, r: RepoRef, c: { pull: number; record: number | null }, row: NoteRow | null, failed: string | null, incidentOnFailure: boolean, now: Date): Promise<void> {
  await serialized(octokit, `deploy-note:${r.owner}/${r.repo}#${c.pull}`.toLowerCase(), async () => {
    const pr = await findNote(octokit, r, c.pull);
    const review = pr.comments.filter(isOwnComment).map((x) => parseReviewLink(x.body)).find((n): n is number => n !== null) ?? null;
    // a note someone edited says nothing (its state is empty): the incident is looked for by its marker again
    let incident = pr.state.incident;
    if (failed && incidentOnFailure && incident === null) incident = await openIncident(octokit, r, c.pull, failed, now);
    if (failed) await ensureLabels(octokit, r, [CHANGE_FAILED_LABEL], now.getTime());
    for (const issue of [c.pull, c.record, review].filter((n): n is number => n !== null)) {
      const found = issue === c.pull ? pr : await findNote(octokit, r, issue);
      let state = found.state;
      if (row) state = withRow(state, row);
      if (failed && !state.failed) state = { ...state, failed };
      if (incident !== null) state = { ...state, incident };
      await writeNote(octokit, r, issue, found.note, renderNote(state));
      if (failed && issue !== review) await addLabel(octokit, r, issue, CHANGE_FAILED_LABEL);
    }
  });
}

async function openIncident(octokit: Octokit, r: RepoRef, pull: number, why: string, now: Date): Promise<number> {
  const marker = `<!-- ims-deploy-incident ${r.owner}/${r.repo}#${pull} -->`;
  const label = kindLabel("incident");
  const existing = await issuesWithMarker(octokit, r, label, marker);
  if (existing.length > 0) return Math.min(...existing);
  await ensureLabels(octokit, r, [label], now.getTime());
  const made = await createIssueOnce(octokit, r, { title: `Failed deployment of change #${pull}`.slice(0, 250), body: `${marker}\nThe deployment of change #${pull} failed: ${why}.\n\nChange: #${pull}`, labels: [label] }, {
    listAgain: () => issuesWithMarker(octokit, r, label, marker),
    duplicateNote: (kept) => `Duplicate of #${kept}: another ims-bot instance opened the incident at the same time.`,
  });
  return made.kept;
}
