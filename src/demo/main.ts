#!/usr/bin/env node
import path from "node:path";
import { Octokit } from "@octokit/rest";
import { changeControl } from "./chapters/change-control.js";
import { deployments } from "./chapters/deployments.js";
import { evidence } from "./chapters/evidence.js";
import { incidents } from "./chapters/incidents.js";
import { install } from "./chapters/install.js";
import { services } from "./chapters/services.js";
import { risks } from "./chapters/risks.js";
import { incidentsOverTime } from "./chapters/incidents-over-time.js";
import { alerts } from "./chapters/alerts.js";
import type { DemoEnv } from "./env.js";
import { startStack } from "./stack.js";
import { seedDemo } from "./seed.js";

/** A chapter of the demo. */
export type Chapter = { title: string; run: (d: DemoEnv) => Promise<void> };

/** The chapters, in order; each feature adds its own. */
export const CHAPTERS: Chapter[] = [
  { title: "Installing the app: labels and the onboarding pull request", run: install },
  { title: "Incident records and the integrated classification", run: incidents },
  { title: "SLA clocks, escalation, security assessment, major incidents and problems", run: incidentsOverTime },
  { title: "Change control: the IMS / change control check", run: changeControl },
  { title: "Services, availability and the service report", run: services },
  { title: "Deployments: the deployment protection rule", run: deployments },
  { title: "The risk register: assessed, accepted by the right team, reviewed", run: risks },
  { title: "Security alerts: Dependabot and secret scanning alerts become security events with remediation clocks", run: alerts },
  { title: "Evidence: a signed, verifiable bundle for the auditor", run: evidence },
];

/** Runs the narrated demo against the in-memory GitHub; resolves to the process exit code. */
export async function runDemo(out: (line: string) => void = (l) => process.stdout.write(l + "\n"), opts: { outDir?: string; beforeStop?: (d: DemoEnv) => Promise<void> } = {}): Promise<number> {
  const stack = await startStack();
  const { sim } = stack;
  let stepNo = 0;
  let failures = 0;
  let seen = 0;
  const { org, repo } = seedDemo(sim);
  const d: DemoEnv = {
    stack,
    sim,
    org,
    repo,
    outDir: opts.outDir ?? path.resolve("demo-output"),
    github: new Octokit({ baseUrl: sim.url, auth: sim.userToken("auditor") }),
    step: (title) => out(`\n${++stepNo}. ${title}`),
    say: (text) => out(`   ${text}`),
    async settle() {
      await sim.settle();
      const mine = sim.requestLog.slice(seen).filter((r) => r.actor === sim.botLogin);
      seen = sim.requestLog.length;
      const counts: Record<string, number> = {};
      for (const r of mine) counts[r.route] = (counts[r.route] ?? 0) + 1;
      return counts;
    },
    expect(condition, message) {
      if (!condition) {
        failures++;
        out(`   ✗ ${message}`);
      }
    },
  };
  out(`ims-bot demo: the real app against an in-memory GitHub at ${sim.url} (no account, no network)`);
  out(`repository ${repo}; simulated time starts ${sim.clock.now().toISOString()}`);
  try {
    for (const chapter of CHAPTERS) {
      out(`\n== ${chapter.title} ==`);
      await chapter.run(d);
    }
    const failed = sim.deliveries.filter((x) => x.status >= 400);
    if (failed.length) {
      failures += failed.length;
      out(`\n✗ ${failed.length} webhook deliveries failed: ${failed.map((x) => `${x.event}.${x.action ?? ""} -> ${x.status}`).join("; ")}`);
    }
    await opts.beforeStop?.(d);
    out(`\n${failures === 0 ? "✓ demo finished" : `✗ demo finished with ${failures} problem(s)`}: ${sim.deliveries.length} webhooks delivered, ${sim.requestLog.filter((r) => r.actor === sim.botLogin).length} API calls by the app`);
  } finally {
    await stack.stop();
  }
  return failures === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runDemo().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error("demo failed:", error);
      process.exit(1);
    },
  );
}
