/**
 * Sweep benchmark (issue 3): an installation with 10 repos x 200 open incidents in the simulator.
 * Target: one search page per 100 records plus only the writes that change something; a second sweep
 * with nothing due makes no write. The repository dashboard's share (issue 11) is counted apart: written on
 * the first sweep, no call on a sweep after no event, one repository's reads after an event there. Run alone with `npx tsx bench/sweep.bench.ts`, or from bench/run.ts.
 */
import { startStack } from "../src/demo/stack.js";
import { seedAppLabels } from "../src/demo/labels.js";
import { SweepScheduler } from "../src/sweep/scheduler.js";

const MIN = 60_000;
const T = Date.parse("2026-03-02T12:00:00Z"); // a Monday: business calendars open

/** The calls the dashboard step makes (src/github/dashboard-facts.ts, dashboard-issue.ts, teams-exist.ts). */
function isDashboardCall(x: { route: string; path: string; method: string }): boolean {
  if (x.route === "GET /repos/{owner}/{repo}/issues") return !/[?&](labels|creator)=/.test(x.path);
  return ["GET /repos/{owner}/{repo}/pulls", "GET /repos/{owner}/{repo}/commits/{ref}/check-runs", "GET /orgs/{org}/teams/{team_slug}", "POST /repos/{owner}/{repo}/issues", "PATCH /repos/{owner}/{repo}/issues/{issue_number}"].includes(x.route);
}

/** Runs the benchmark and returns printable lines (no assertions). */
export async function benchSweep(repos = 10, perRepo = 200): Promise<string[]> {
  process.env.IMS_SWEEP = "off"; // the benchmark drives the sweep itself
  const stack = await startStack({ now: new Date(T - 5 * 60 * MIN).toISOString() });
  const { sim } = stack;
  const out: string[] = [];
  try {
    sim.createOrg("acme", { members: ["alice"] });
    let due = 0;
    sim.quietly(() => {
      for (let r = 0; r < repos; r++) {
        sim.createRepo({ owner: "acme", name: `svc-${r}` });
        seedAppLabels(sim, `acme/svc-${r}`);
        // two open pull requests a repository, so the dashboard's check-run reads count
        for (let p = 0; p < 2; p++) sim.as("alice").openPullRequest(`acme/svc-${r}`, { title: `Change ${p}`, head: `change-${p}`, body: "Change.", labels: [], files: { [`f${p}.txt`]: "x\n" } });
        for (let i = 0; i < perRepo; i++) {
          // 10% overdue and unescalated, 40% too young to be at risk (2 minutes old, at risk after 11¼), 30% final, 20% P4 on business time
          const kind = i % 10 === 0 ? "due" : i % 10 < 5 ? "young" : i % 10 < 8 ? "final" : "business";
          const age = kind === "due" ? 60 : kind === "young" ? 2 : kind === "final" ? 300 : 90;
          if (kind === "due") due++;
          sim.clock.set(T - age * MIN);
          const labels = { due: ["priority:P1"], young: ["priority:P1"], final: ["priority:P2", "sla:breached", "escalation:functional", "escalation:hierarchical"], business: ["priority:P4"] }[kind];
          const [impact, urgency] = kind === "final" ? ["High", "Medium"] : kind === "business" ? ["Low", "Low"] : ["High", "High"];
          const body = `### Impact\n\n${impact}\n\n### Urgency\n\n${urgency}\n\n### Affected service\n\nsvc-${r}\n`;
          sim.as("alice").openIssue(`acme/svc-${r}`, { title: `Incident ${i}`, body, labels: ["ims:incident", ...labels] });
        }
      }
    });
    sim.clock.set(T);
    let scheduler = new SweepScheduler(stack.probot, { now: () => sim.clock.now(), store: stack.store, intervalMs: 3_600_000 });
    const run = async (title: string) => {
      sim.resetRequestLog();
      const rss0 = process.memoryUsage().rss;
      const t0 = performance.now();
      await scheduler.tick();
      await sim.settle();
      const ms = performance.now() - t0;
      const app = sim.requestLog.filter((x) => x.actor === sim.botLogin);
      const search = app.filter((x) => x.route === "GET /search/issues").length;
      const conditional = app.filter((x) => x.conditional).length;
      const reads = app.filter((x) => x.method === "GET" && x.route !== "GET /search/issues" && !x.conditional).length;
      const writes = app.filter((x) => x.method !== "GET").length;
      const records = repos * perRepo;
      const dash = app.filter(isDashboardCall);
      out.push(
        `${title}: ${records} open incidents in ${repos} repos: ${search} search requests (target ${Math.ceil((repos * perRepo) / 100)} pages of records past the cap + 1 of pull requests; before this issue: ${Math.ceil(perRepo / 100) * repos}), ` +
          `${reads} other reads (+${conditional} conditional 304s, free), ${writes} writes; ${ms.toFixed(0)} ms; ` +
          `RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB (+${((process.memoryUsage().rss - rss0) / 1e6).toFixed(0)}), peak ${(process.resourceUsage().maxRSS / 1e3).toFixed(0)} MB`,
        `  of which the dashboards: ${dash.filter((x) => x.method === "GET" && !x.conditional).length} reads (+${dash.filter((x) => x.conditional).length} conditional 304s), ${dash.filter((x) => x.method !== "GET").length} writes`,
      );
      return { writes, reads };
    };
    const first = await run("first sweep");
    out.push(`  records due (overdue, not yet escalated): ${due}; writes per due record: ${(first.writes / Math.max(1, due)).toFixed(1)} (labels, escalation comment, card)`);
    // The next scheduled sweep of each repository: its interval (5 minutes) later.
    sim.clock.set(T + 5 * MIN);
    await run("second sweep, nothing due");
    // An event in one repository marks its dashboard stale (no call); a tick at once (no repository due
    // by its interval) reads that dashboard alone again.
    sim.as("alice").comment("acme/svc-0", 1, "Still failing for me.");
    await sim.settle();
    await run("tick after one comment in one repository, no repository due");
    sim.clock.set(T + 7 * MIN); // search allows 30 requests a minute: two minutes after the last sweep
    await scheduler.stop();
    await stack.restartApp();
    scheduler = new SweepScheduler(stack.probot, { now: () => sim.clock.now(), store: stack.store, intervalMs: 3_600_000 });
    await run("third sweep, fresh instance (no memory), nothing due");
    await scheduler.stop();
  } finally {
    await stack.stop();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchSweep()) console.log(line);
}
