/**
 * computeSla throughput over a realistic record: a P3 on a Europe/Berlin business calendar with holidays,
 * three weeks of history across the spring DST change (labels, comments, pauses, a reopen).
 * Run: npx tsx bench/sla-clock.bench.ts
 */
import { CalendarSchema, type SlaConfig } from "../src/config/schema.js";
import { computeSla } from "../src/sla/clock.js";
import { decideEscalation } from "../src/sla/escalate.js";
import { historyOf, type HistoryEvent } from "../src/sla/history.js";

const business = CalendarSchema.parse({ timeZone: "Europe/Berlin", holidays: ["2026-04-03", "2026-04-06"] });
const always = CalendarSchema.parse({ timeZone: "UTC", alwaysOpen: true });
const sla: SlaConfig = {
  atRisk: 0.75,
  calendars: { "24x7": always, business },
  targets: {
    P1: { respond: "15m", resolve: "4h", calendar: "24x7" },
    P2: { respond: "30m", resolve: "8h", calendar: "24x7" },
    P3: { respond: "4h", resolve: "15bd", calendar: "business" },
    P4: { respond: "1bd", resolve: "20bd", calendar: "business" },
  },
};

const start = Date.UTC(2026, 2, 16, 9, 0);
const hour = 3_600_000;
const events: HistoryEvent[] = [
  { type: "incident", at: new Date(start), on: true },
  { type: "priority", at: new Date(start), priority: "P4" },
  { type: "priority", at: new Date(start + hour), priority: "P3" },
  { type: "response", at: new Date(start + 2 * hour), by: "bob", via: "comment" },
];
// Ten waiting periods, a close and a reopen, spread over three weeks: about forty events.
for (let i = 0; i < 10; i++) {
  const t = start + (i * 2 + 1) * 24 * hour;
  events.push({ type: "waiting", at: new Date(t), on: true }, { type: "waiting", at: new Date(t + 5 * hour), on: false });
  events.push({ type: "response", at: new Date(t + 6 * hour), by: "carol", via: "comment" });
}
events.push({ type: "closed", at: new Date(start + 18 * 24 * hour) }, { type: "reopened", at: new Date(start + 19 * 24 * hour) });
const history = historyOf("alice", new Date(start), events);
const now = new Date(start + 22 * 24 * hour);
const escalation = {
  levels: [],
  resolvers: { default: "service-desk", services: {} },
  sweep: { enabled: true, intervalMinutes: 5, concurrency: 4 },
};

function rate(label: string, fn: () => unknown, ms = 1500): void {
  for (let i = 0; i < 200; i++) fn(); // warm up
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  const perSec = (n / (performance.now() - t0)) * 1000;
  console.log(`${label.padEnd(58)} ${Math.round(perSec).toLocaleString("en-US").padStart(10)} /s`);
}

console.log(`history: ${history.events.length} events over ${Math.round((now.getTime() - start) / (24 * hour))} days`);
rate("computeSla, P3 business calendar (warm calendar cache)", () => computeSla(history, sla, now));
rate("computeSla, fresh config object each time (content cache)", () =>
  computeSla(history, { ...sla, calendars: { ...sla.calendars, business: { ...business } } }, now),
);
const p1 = historyOf("alice", new Date(start), [
  ...events.filter((e) => e.type !== "priority"),
  { type: "priority", at: new Date(start), priority: "P1" },
]);
rate("computeSla, P1 24x7 calendar", () => computeSla(p1, sla, now));
rate("computeSla + decideEscalation (one sweep decision)", () =>
  decideEscalation({ sla: computeSla(history, sla, now), priority: "P3", service: null, labels: [], done: [] }, escalation, now),
);
