import { mkdtempSync } from "node:fs";
import { seedAppLabels } from "../../src/demo/labels.js";
import os from "node:os";
import path from "node:path";
import { encodeTrace, type Trace } from "../../src/core/trace.js";
import type { ExportOptions } from "../../src/evidence/export/run.js";
import { linkMarker } from "../../src/problems/links.js";
import { CARD_MARKER } from "../../src/records/card.js";
import { NOTICE } from "../../src/records/markers.js";
import { escalationMarker } from "../../src/sla/markers.js";
import { reviewLinkMarker } from "../../src/change/review-record.js";
import { startSimulator, type Simulator } from "../../src/simulator/index.js";
import { createCheckRun } from "../../src/simulator/ops/checks.js";

export const REPO = "acme/web";
export const FROM = "2026-03-01T00:00:00.000Z";
export const TO = "2026-03-31T23:59:59.999Z";
const HOUR = 3_600_000;

const incidentBody = (impact: string, urgency: string, service: string) =>
  `### Impact\n\n${impact}\n\n### Urgency\n\n${urgency}\n\n### Affected service\n\n${service}\n\n### Security impact\n\n- [X] Availability\n\n### What happened\n\nCheckout down.`;

const trace = (rule: string, inputs: Record<string, unknown>, result: Record<string, unknown>, time: string): Trace => ({ v: 1, rule, inputs, result, time, delivery: "d-1" });

/**
 * A simulator holding what the app writes, without running the app: a P1 incident with its card,
 * SLA trace, escalation marker and a link to a problem (which is also its post-incident review), an
 * old incident closed before the period, and a change pull request with a security review at head and
 * the gate's check run carrying its trace.
 */
export async function seededSimulator(): Promise<{ sim: Simulator; numbers: { incident: number; problem: number; old: number; pr: number; plainPr: number } }> {
  const sim = await startSimulator({ webhookSecret: "s", now: "2026-02-10T09:00:00Z" });
  sim.createOrg("acme", { members: ["alice", "bob", "sec1", "carol"] });
  sim.createRepo({ owner: "acme", name: "web", files: { "README.md": "# web\n" } });
  sim.createRepo({ owner: "acme", name: "api", files: { "README.md": "# api\n" } });
  for (const r of ["acme/web", "acme/api"]) seedAppLabels(sim, r);
  const bot = sim.botLogin;
  const numbers = sim.quietly(() => {
    // Closed before the period: not exported.
    const old = sim.as("alice").openIssue(REPO, { title: "Old outage", body: incidentBody("Low", "Low", "web"), labels: ["ims:incident"] });
    sim.clock.advance(HOUR);
    sim.as("alice").close(REPO, old.number);

    sim.clock.set("2026-03-02T09:00:00Z");
    const inc = sim.as("alice").openIssue(REPO, { title: "Checkout fails", body: incidentBody("High", "High", "payments"), labels: ["ims:incident"] });
    sim.clock.advance(60_000);
    sim.as(bot).addLabels(REPO, inc.number, ["priority:P1", "cia:availability"]);
    sim.as(bot).comment(
      REPO,
      inc.number,
      `${CARD_MARKER}\n### Incident record · Priority P1\n\n${encodeTrace(trace("incident.classify", { impact: "high", urgency: "high" }, { priority: "P1" }, sim.clock.iso()))}\n${encodeTrace(trace("sla.evaluate", { priority: "P1", respondedBy: "bob" }, { state: "ok" }, sim.clock.iso()))}`,
    );
    sim.clock.advance(5 * 60_000);
    sim.as("bob").comment(REPO, inc.number, "Looking at it.");
    sim.clock.advance(3 * HOUR);
    sim.as(bot).comment(REPO, inc.number, `**Escalation (functional, resolver team)**: the SLA target is at risk.\n${escalationMarker("resolver team")}`);
    sim.as(bot).addLabels(REPO, inc.number, ["sla:at-risk", "major-incident"]);
    sim.as(bot).comment(REPO, inc.number, `**Major incident**: management informed.\n${NOTICE.majorNotified}`);
    sim.clock.advance(30 * 60_000);

    const problem = sim.as(bot).openIssue(REPO, { title: "Post-incident review: Checkout fails", body: "### Root cause\n\nA bad deploy\n\n### Workaround\n\n_No response_", labels: ["ims:problem", "ims:post-incident-review"] });
    sim.as(bot).comment(REPO, problem.number, `Linked incident #${inc.number}. ${linkMarker("incident", inc.number)}`);
    sim.as(bot).comment(REPO, inc.number, `Post-incident review #${problem.number}. ${linkMarker("review", problem.number)} ${linkMarker("problem", problem.number)}`);
    sim.as("bob").close(REPO, inc.number);
    sim.clock.advance(24 * HOUR);
    sim.as("carol").addLabels(REPO, problem.number, ["known-error"]);
    sim.as("carol").close(REPO, problem.number);

    sim.clock.set("2026-03-10T10:00:00Z");
    const pr = sim.as("alice").openPullRequest(REPO, { title: "Raise pool size", head: "pool", body: "Change: #999\n\nRisk: low", files: { "infra/pool.tf": "size = 20\n", ".github/ims.yml": "sla: {}\n" }, labels: ["ims:change", "change:emergency"] });
    sim.clock.advance(HOUR);
    const head = sim.pull(REPO, pr.number).pull.headSha;
    sim.as("sec1").review(REPO, pr.number, "APPROVE", "ok");
    const gate = trace(
      "change.gate",
      { pr: pr.number, head },
      { conclusion: "success", isChange: true, type: "emergency", risk: "low", requirements: { emergencyApproval: { status: "pass", approvers: ["sec1"] }, securityReview: { status: "pass", approvers: ["sec1"] } }, freezeException: [{ from: "2026-03-09", to: "2026-03-12", timeZone: "UTC", reason: "quarter close" }] },
      sim.clock.iso(),
    );
    createCheckRun(sim.core, bot, sim.core.store.repoByName(REPO), { name: "IMS / change control", head_sha: head, conclusion: "success", output: { title: "Change control: passed", summary: `passed\n\n${encodeTrace(gate)}` } });
    sim.as(bot).comment(REPO, pr.number, `Post-implementation review record opened. ${reviewLinkMarker(problem.number)}`);
    sim.clock.advance(HOUR);
    sim.as("alice").merge(REPO, pr.number);
    const plain = sim.as("alice").openPullRequest(REPO, { title: "Typo", head: "typo", files: { "README.md": "# Web\n" } });
    sim.clock.set("2026-04-05T09:00:00Z");
    return { incident: inc.number, problem: problem.number, old: old.number, pr: pr.number, plainPr: plain.number };
  });
  return { sim, numbers };
}

export function tempOut(name = "evidence"): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), "ims-export-")), name);
}

export function options(out: string, over: Partial<ExportOptions> = {}): ExportOptions {
  return { repos: [REPO], org: null, from: FROM, to: TO, out, format: "dir", signingKeyPem: null, previous: null, apiUrl: "", ...over };
}

/** Collects progress output (not a TTY: plain lines). */
export function sink(): { write(t: string): boolean; text: () => string } {
  let buf = "";
  return { write: (t: string) => ((buf += t), true), text: () => buf };
}
