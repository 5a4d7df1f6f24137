import type { Priority } from "../config/schema.js";

/**
 * A record's history reduced to what the SLA clock reads, oldest first. Built from GitHub's issue
 * timeline by `normaliseHistory`, or by hand in tests and the simulator.
 */
export interface RecordHistory {
  /** Login of the person who opened the issue. */
  reporter: string;
  createdAt: Date;
  /** Ordered by time; events at the same instant keep GitHub's order. */
  events: HistoryEvent[];
}

/** One change the clock cares about. `on` is the label's state after the change. */
export type HistoryEvent =
  /** `ims:incident` put on or taken off: the clock starts the first time it goes on. */
  | { type: "incident"; at: Date; on: boolean }
  /** `status:waiting` put on or taken off: the clock pauses while it is on. */
  | { type: "waiting"; at: Date; on: boolean }
  /** The priority the `priority:P1..P4` labels give from now on (null: none). */
  | { type: "priority"; at: Date; priority: Priority | null }
  /** A response that counts: a responder's comment or assignment. */
  | { type: "response"; at: Date; by: string; via: "comment" | "assignment" }
  | { type: "closed"; at: Date }
  | { type: "reopened"; at: Date };

/** Builds a RecordHistory from events in any order (stable sort by time). */
export function historyOf(reporter: string, createdAt: Date, events: readonly HistoryEvent[]): RecordHistory {
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.at.getTime() - y.e.at.getTime() || x.i - y.i)
    .map((x) => x.e);
  return { reporter, createdAt, events: sorted };
}
