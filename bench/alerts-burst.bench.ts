/**
 * Alert-burst benchmark (issue 13: "a burst of 200 alerts from one push"): 200 Dependabot alerts (one
 * lockfile, 120 vulnerable packages) and 20 code scanning alerts raised at once, delivered to the real
 * app against the simulator with GitHub's content limits on (80 content-creating requests a minute, 500
 * an hour), then the installation sweep every 5 virtual minutes until every alert has its record. On
 * the simulator's virtual clock, so hours of GitHub time take seconds. Printed: the app's requests,
 * searches, content-creating requests, the most of them in any minute and hour, requests refused by
 * a rate limit, how the deliveries were answered, records deferred to the sweep, and the virtual time
 * until every alert had exactly one record; once per alert, and with `alerts.group: true`.
 * Run alone with `npx tsx bench/alerts-burst.bench.ts`, or from bench/run.ts.
 */
import { runAlertBurst, type AlertBurstFigures } from "../src/demo/alert-burst.js";
import { metrics } from "../src/ops/metrics.js";

const deferred = () => {
  const m = (metrics as Record<string, unknown>).alertRecordsDeferred as { hashMap?: Record<string, { value: number }> } | undefined;
  return Object.values(m?.hashMap ?? {}).reduce((n, v) => n + v.value, 0);
};

function line(name: string, f: AlertBurstFigures, wallMs: number): string {
  return (
    `${name}: ${f.alerts} alerts -> ${f.keys} records wanted; ${f.requests} requests, ${f.searches} searches, ${f.content} content-creating (most in a minute ${f.mostInMinute}/80, in an hour ${f.mostInHour}/500), ` +
    `refused by a rate limit ${f.refused}; deliveries answered ${Object.entries(f.answers).map(([s, n]) => `${s} x${n}`).join(", ")}; deferred to the sweep ${f.deferred}; ` +
    `${f.minutesUntilAll === null ? `NOT all recorded after the sweeps (missing ${f.missing})` : `all recorded after ${f.minutesUntilAll} virtual min`}; duplicates ${f.duplicates}; ${(wallMs / 1000).toFixed(1)} s real time`
  );
}

export async function benchAlertBurst(): Promise<string[]> {
  const out: string[] = [];
  for (const group of [false, true]) {
    const t = performance.now();
    const { stack, figures } = await runAlertBurst({ group }, deferred);
    try {
      out.push(line(group ? "alerts.group: true" : "one record per alert", figures, performance.now() - t));
    } finally {
      await stack.stop();
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of await benchAlertBurst()) console.log(l);
}
