import { md } from "../core/explain.js";
import { commentSafeJson } from "../core/trace.js";

/** The label a change whose deployment failed or was rolled back carries. */
export const CHANGE_FAILED_LABEL = "change:failed";

/** One deployment on a record's note. */
export interface NoteRow {
  id: number;
  environment: string;
  sha: string;
  creator: string;
  createdAt: string;
  /** The newest deployment status (`success`, `failure`, ...). */
  outcome: string;
  /** The gate's decision on it, when it made one. */
  decision: string | null;
}

export interface NoteState {
  rows: NoteRow[];
  /** Why the change's outcome is failed, when it is. */
  failed: string | null;
  /** The incident opened for the failure (`deploy.incidentOnFailure`), once. */
  incident: number | null;
}

const OPEN = "<!-- ims-deployments ";
const CLOSE = " -->";

export function isDeployNote(body: string): boolean {
  return body.startsWith(OPEN);
}

/** The state a note carries (hidden JSON in its first line); empty when the body is not one. */
export function parseNote(body: string): NoteState {
  const empty: NoteState = { rows: [], failed: null, incident: null };
  if (!isDeployNote(body)) return empty;
  const end = body.indexOf(CLOSE);
  try {
    const s = JSON.parse(body.slice(OPEN.length, end)) as Partial<NoteState>;
    return { rows: Array.isArray(s.rows) ? s.rows : [], failed: typeof s.failed === "string" ? s.failed : null, incident: typeof s.incident === "number" ? s.incident : null };
  } catch {
    return empty;
  }
}

/** The state with `row` added or replaced (by deployment id), oldest deployment first. */
export function withRow(state: NoteState, row: NoteRow): NoteState {
  const rows = [...state.rows.filter((r) => r.id !== row.id), row].sort((a, b) => a.id - b.id);
  return { ...state, rows };
}

/** The note: the hidden state, then a table of every deployment of this change, edited in place. */
export function renderNote(state: NoteState): string {
  const lines = [
    `${OPEN}${commentSafeJson(state)}${CLOSE}`,
    "### Deployments",
    "",
    "| environment | commit | who | when | outcome | gate |",
    "|---|---|---|---|---|---|",
    ...state.rows.map((r) => `| ${md(r.environment)} | \`${r.sha.slice(0, 7)}\` | ${md(`@${r.creator}`)} | ${r.createdAt} | ${md(r.outcome)} | ${md(r.decision ?? "none")} |`),
  ];
  if (state.failed) lines.push("", `**Outcome: failed.** ${md(state.failed)}`);
  if (state.incident) lines.push("", `Incident opened for it: #${state.incident}.`);
  return lines.join("\n");
}
