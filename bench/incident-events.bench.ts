/**
 * Issue 2 benchmark: GitHub API calls per handled event on the *second* event of a repository
 * (config and label existence cached), next to the minimum; handler time per event (median over
 * 1,000 events, through the real webhook endpoint against the simulator) and peak RSS.
 */
import { startStack } from "../src/demo/stack.js";
import { seedDemo } from "../src/demo/seed.js";
import { incidentForm } from "../src/demo/forms.js";
import type { Simulator } from "../src/simulator/index.js";

interface Row {
  event: string;
  calls: number;
  minimum: number;
  conditional: number;
  routes: string;
}

function appCalls(sim: Simulator, from: number) {
  const mine = sim.requestLog.slice(from).filter((r) => r.actor === sim.botLogin && !r.route.includes("access_tokens") && r.route !== "GET /app");
  const counts: Record<string, number> = {};
  for (const r of mine) counts[r.route.replace("/repos/{owner}/{repo}", "")] = (counts[r.route.replace("/repos/{owner}/{repo}", "")] ?? 0) + 1;
  return { calls: mine.length, conditional: mine.filter((r) => r.conditional).length, routes: Object.entries(counts).map(([k, v]) => `${v}x ${k}`).join(", ") };
}

/** Runs the benchmark and returns printable lines. */
export async function benchIncidentEvents(events = 1_000): Promise<string[]> {
  const stack = await startStack();
  const { sim } = stack;
  const { repo } = seedDemo(sim);
  sim.as("erin").putFile(repo, ".github/ims.yml", "security:\n  team: security\n");
  await sim.settle();
  const body = incidentForm({ impact: "High", urgency: "High", service: "payments-api", cia: ["Availability"], what: "down" });
  // First events of the repository: read config and labels, create the labels (every priority once).
  for (const [impact, urgency] of [["High", "High"], ["High", "Medium"], ["High", "Low"], ["Low", "Low"]] as const) {
    sim.as("alice").openIssue(repo, { title: "warm-up", body: incidentForm({ impact, urgency, service: "x", cia: ["Availability"], what: "." }), labels: ["ims:incident"] });
  }
  await sim.settle();

  const rows: Row[] = [];
  const measure = async (event: string, minimum: number, act: () => void) => {
    const from = sim.requestLog.length;
    act();
    await sim.settle();
    rows.push({ event, minimum, ...appCalls(sim, from) });
  };
  let n = 0;
  // Minimum = the reads a correct handler needs + the writes that change something:
  //   config (a conditional 304, free of rate limit) and, after `opened`, the issue as it is now, its
  //   comments (the card) and its timeline (the SLA clock is derived from history, never from memory).
  //   `opened` has no history yet but reads the service's recent incidents once (trend detection).
  const READS = 4;
  await measure("issues.opened (incident, labels exist)", 1 + 1 + 1 + 1, () => {
    n = sim.as("alice").openIssue(repo, { title: "second", body, labels: ["ims:incident"] }).number;
  });
  await measure("issues.labeled (urgency:low: P1 -> P3)", READS + 3, () => sim.as("carol").addLabels(repo, n, ["urgency:low"]));
  await measure("issues.unlabeled (urgency:low removed: P3 -> P1)", READS + 3, () => sim.as("carol").removeLabel(repo, n, "urgency:low"));
  await measure("issues.edited (body, same classification)", READS, () => sim.as("alice").editIssue(repo, n, { body: body + "\n\nMore detail." }));
  await measure("issues.labeled (unrelated label)", 0, () => sim.as("carol").addLabels(repo, n, ["customer-facing"]));
  await measure("issues.closed (card shows the clock stopped)", READS + 1, () => sim.as("carol").close(repo, n));
  await measure("issues.reopened (card shows it running again)", READS + 1, () => sim.as("carol").reopen(repo, n));
  await measure("issue_comment.created (/ims help)", 3, () => void sim.as("carol").comment(repo, n, "/ims help"));
  const last = sim.deliveries.at(-1);
  await measure("redelivery of the same delivery id", 0, () => last && sim.redeliver(last.id));

  // Handler time: 1,000 body edits through the real webhook endpoint.
  const before = sim.deliveries.length;
  for (let i = 0; i < events; i++) {
    sim.as("alice").editIssue(repo, n, { body: `${body}\n\nupdate ${i}` });
    await sim.settle();
  }
  const ms = sim.deliveries.slice(before).map((d) => d.ms).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)] ?? 0;
  const p95 = ms[Math.floor(ms.length * 0.95)] ?? 0;
  await stack.stop();

  const lines = [
    "API calls per event, second event of a repository (minimum = reads a correct handler needs + writes that change something;",
    "reads: config as a conditional 304, the issue now, its comments (card), its timeline (SLA clock); opened: one trend read):",
  ];
  const w = Math.max(...rows.map((r) => r.event.length));
  for (const r of rows) {
    const flag = r.calls <= r.minimum ? "ok " : "MORE";
    lines.push(`  ${flag} ${r.event.padEnd(w)}  calls ${String(r.calls).padStart(2)} (min ${r.minimum}, ${r.conditional} conditional 304)  ${r.routes}`);
  }
  lines.push(`handler time per issues.edited event, ${events} events via the webhook endpoint: median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`);
  lines.push(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const events = Number(process.argv[2] ?? 1000);
  for (const line of await benchIncidentEvents(events)) console.log(line);
}
