import { decodeTraces, type Trace } from "../core/trace.js";
import { parseInstant } from "./time.js";

/** The rule of the trace `/ims outage start|end` leaves in the app's reply (the record's history). */
export const OUTAGE_MARK_RULE = "incident.outage-mark";
/** The rule of the card's trace listing the record's outage windows. */
export const OUTAGE_RULE = "incident.outage";

/** One `/ims outage start|end` as the app recorded it. */
export interface OutageMark {
  edge: "start" | "end";
  at: string;
  by: string;
}

/** One outage window of an incident record; `end` null while the outage lasts. */
export interface OutageWindow {
  start: string;
  end: string | null;
  source: "form" | "command";
  by: string | null;
}

/** The trace of one `/ims outage` (put in the app's reply, where only the app can write it). */
export function outageMarkTrace(mark: OutageMark, now: Date, delivery: string | null): Trace {
  return { v: 1, rule: OUTAGE_MARK_RULE, inputs: { by: mark.by }, result: { edge: mark.edge, at: mark.at }, time: now.toISOString(), delivery };
}

/** The outage marks in the app's own comments (never in people's text: callers pass only the app's). */
export function outageMarks(ownText: string): OutageMark[] {
  const out: OutageMark[] = [];
  for (const t of decodeTraces(ownText)) {
    if (t.rule !== OUTAGE_MARK_RULE) continue;
    const edge = t.result.edge;
    const at = typeof t.result.at === "string" ? parseInstant(t.result.at) : null;
    if ((edge === "start" || edge === "end") && at) out.push({ edge, at: at.toISOString(), by: typeof t.inputs.by === "string" ? t.inputs.by : "" });
  }
  return out;
}

/** The windows and what could not be read, for the card. */
export interface OutageReading {
  windows: OutageWindow[];
  notes: string[];
}

/**
 * An incident's outage windows: the form's "Outage start"/"Outage end" answers (one window), and the
 * `/ims outage` marks in time order (a start opens a window, an end closes the open one). Windows of
 * one record may overlap; availability merges them.
 */
export function outageWindows(form: { start: string | null; end: string | null }, marks: readonly OutageMark[]): OutageReading {
  const windows: OutageWindow[] = [];
  const notes: string[] = [];
  const fs = parseInstant(form.start);
  const fe = parseInstant(form.end);
  if (form.start && !fs) notes.push(`the form's outage start reads "${form.start.slice(0, 60)}": write a time like \`2026-03-01 09:30 UTC\``);
  if (form.end && !fe) notes.push(`the form's outage end reads "${form.end.slice(0, 60)}": write a time like \`2026-03-01 10:15 UTC\``);
  if (fs && fe && fe <= fs) notes.push("the form's outage end is not after its start: the form's window is not counted");
  else if (fs) windows.push({ start: fs.toISOString(), end: fe ? fe.toISOString() : null, source: "form", by: null });
  else if (fe) notes.push("the form gives an outage end without a start: it is not counted");
  const sorted = [...marks].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  let open: OutageWindow | null = null;
  for (const m of sorted) {
    if (m.edge === "start") {
      if (open) {
        notes.push(`\`/ims outage start\` at ${m.at} while the outage since ${open.start} lasts: ignored`);
        continue;
      }
      open = { start: m.at, end: null, source: "command", by: m.by || null };
      windows.push(open);
    } else if (!open) {
      notes.push(`\`/ims outage end\` at ${m.at} without an outage started before it: ignored`);
    } else {
      open.end = m.at;
      open = null;
    }
  }
  return { windows, notes };
}
