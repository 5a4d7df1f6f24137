import type { Priority } from "../config/schema.js";
import type { RecordHistory } from "./history.js";

/** The state of a record's clock at `now`, replayed from its history (epoch milliseconds). */
export interface Replay {
  /** The first time the record became an incident; null: never (yet). */
  start: number | null;
  incident: boolean;
  priority: Priority | null;
  open: boolean;
  waiting: boolean;
  /** First counting response at or after the start. */
  respondedAt: number | null;
  respondedBy: string | null;
  /** Last close, when the record is closed now. */
  closedAt: number | null;
  /** Intervals [from, to) in which the clock ran: started, an incident (label on), open and not waiting. */
  running: Array<[number, number]>;
}

/** Replays the events at or before `now`; later events are ignored, so a result never depends on the future. */
export function replay(history: RecordHistory, now: number): Replay {
  const r: Replay = {
    start: null, incident: false, priority: null, open: true, waiting: false,
    respondedAt: null, respondedBy: null, closedAt: null, running: [],
  };
  let since: number | null = null;
  // While `ims:incident` is off the app neither runs the clock nor escalates (the card says so); adding
  // it again resumes the clock from where it stood, it does not count the time in between.
  const isRunning = () => r.start !== null && r.incident && r.open && !r.waiting;
  for (const e of history.events) {
    const at = e.at.getTime();
    if (at > now) break;
    const before = isRunning();
    switch (e.type) {
      case "incident":
        r.incident = e.on;
        if (e.on && r.start === null) r.start = at;
        break;
      case "waiting":
        r.waiting = e.on;
        break;
      case "priority":
        r.priority = e.priority;
        break;
      case "response":
        if (r.start !== null && r.respondedAt === null) {
          r.respondedAt = at;
          r.respondedBy = e.by;
        }
        break;
      case "closed":
        r.open = false;
        r.closedAt = at;
        break;
      case "reopened":
        r.open = true;
        r.closedAt = null;
        break;
    }
    const after = isRunning();
    if (before && !after && since !== null) {
      if (at > since) r.running.push([since, at]);
      since = null;
    } else if (!before && after) {
      since = at;
    }
  }
  if (since !== null && now > since) r.running.push([since, now]);
  return r;
}
