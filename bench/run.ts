/**
 * `npm run bench`: every benchmark, one after another, printing figures (no assertions).
 * Each bench module exports a function returning printable lines; a failing one is reported and
 * the others still run.
 */
import { benchIncidentEvents } from "./incident-events.bench.js";
import { benchParser } from "./parser.bench.js";

type Bench = { title: string; run: () => Promise<string[]> };

const benches: Bench[] = [
  { title: "Incident records: API calls per event, handler time, memory (issue 2)", run: () => benchIncidentEvents(1_000) },
  { title: "Issue-form parser: linear time on adversarial bodies (issue 2)", run: async () => benchParser() },
];

let failed = 0;
for (const b of benches) {
  console.log(`\n## ${b.title}`);
  try {
    for (const line of await b.run()) console.log(line);
  } catch (error) {
    failed++;
    console.log(`benchmark failed: ${(error as Error).stack ?? String(error)}`);
  }
}
process.exit(failed ? 1 : 0);
