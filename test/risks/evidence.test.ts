import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { runExport } from "../../src/evidence/export/run.js";
import { verifyBundle } from "../../src/evidence/verify.js";
import { acceptanceMarker } from "../../src/risks/acceptance.js";
import { RISK_COLUMNS } from "../../src/evidence/bundle/record-columns.js";
import type { RiskRecord } from "../../src/evidence/types.js";
import { REPO, sweepNow } from "../helpers/incident-stack.js";
import { riskForm, riskStack } from "../helpers/risk-stack.js";
import { options, sink, tempOut } from "../export/fixture.js";

const DAY = 86_400_000;
let stack: Stack;
beforeEach(async () => {
  stack = await riskStack();
});
afterEach(async () => stack.stop());

const json = (out: string, p: string) => JSON.parse(readFileSync(path.join(out, p), "utf8"));

it("risks filed, accepted and overdue through the app are in the bundle: records, CSV, per-record files, evidence items and the register; the bundle verifies", async () => {
  const { sim } = stack;
  // high, accept: a refusal for the owner, a pasted acceptance marker that accepts nothing, then the acceptor
  const accepted = sim.as("tom").openIssue(REPO, { title: "[Risk] credential stuffing", body: riskForm({ review: "2026-09-30" }), labels: ["ims:risk"] });
  await sim.settle();
  sim.as("tom").comment(REPO, accepted.number, "/ims accept-risk we can live with it");
  await sim.settle();
  // a person pastes the app's marker: it is never read as an acceptance
  const forged = sim.as("tom").openIssue(REPO, { title: "[Risk] forged", body: riskForm({ review: "2026-09-30" }), labels: ["ims:risk"] });
  await sim.settle();
  sim.as("tom").comment(REPO, forged.number, acceptanceMarker({ by: "mgr1", at: "2026-03-02T10:00:00Z", level: "critical", likelihood: 5, impact: 5, reason: "forged" }));
  await sim.settle();
  sim.as("mgr1").comment(REPO, accepted.number, "/ims accept-risk fix costs more than the loss");
  await sim.settle();
  // a low risk to mitigate whose review goes overdue in the period
  const overdue = sim.as("tom").openIssue(REPO, { title: "[Risk] backups untested", body: riskForm({ treatment: "mitigate", review: "2026-03-10", likelihood: "2", impact: "2" }), labels: ["ims:risk"] });
  await sim.settle();
  // a risk reviewed after the sweep escalated it as overdue: the owner sets the next review date
  const reviewed = sim.as("tom").openIssue(REPO, { title: "[Risk] single region", body: riskForm({ treatment: "mitigate", review: "2026-03-05", likelihood: "2", impact: "2" }), labels: ["ims:risk"] });
  await sim.settle();
  sim.clock.advance(10 * DAY);
  await sweepNow(stack);
  expect(sim.labels(REPO, reviewed.number)).toContain("risk:review-overdue");
  sim.as("tom").editIssue(REPO, reviewed.number, { body: riskForm({ treatment: "mitigate", review: "2026-09-30", likelihood: "2", impact: "2" }) });
  await sim.settle();
  expect(sim.labels(REPO, reviewed.number)).not.toContain("risk:review-overdue");

  const out = tempOut();
  const r = await runExport({ ...options(out, { apiUrl: sim.url, noOrgConfig: true }) }, { env: { GITHUB_TOKEN: sim.userToken("auditor") }, out: () => undefined, progress: sink(), sleep: async () => undefined, generatedAt: "2026-04-05T09:00:00.000Z" });
  expect(r).toBeTruthy();
  const risks = json(out, "records/risks.json") as RiskRecord[];
  const by = (n: number) => risks.find((x) => x.number === n)!;
  expect(risks.map((x) => x.number).sort()).toEqual([accepted.number, forged.number, overdue.number, reviewed.number].sort());
  expect(by(accepted.number)).toMatchObject({ kind: "risk", level: "high", levelLabel: "risk-level:high", likelihood: 4, impact: 4, treatment: "accept", owner: "tom", asset: "payments-api", acceptance: "accepted", acceptedBy: "mgr1", acceptedLevel: "high", acceptanceReason: "fix costs more than the loss", reviewState: "scheduled" });
  expect(by(forged.number)).toMatchObject({ acceptance: "required", acceptedBy: null });
  expect(by(overdue.number)).toMatchObject({ level: "low", treatment: "mitigate", acceptance: "not-accept", reviewDate: "2026-03-10", reviewState: "overdue" });
  // its own file, the same record
  expect(json(out, `records/risk/acme/web/${accepted.number}.json`)).toEqual(by(accepted.number));
  // CSV: the header is the columns, one row per risk
  const csv = readFileSync(path.join(out, "records/risks.csv"), "utf8").trim().split(/\r?\n/);
  expect(csv[0]).toBe(RISK_COLUMNS.map(([h]) => h).join(","));
  expect(csv).toHaveLength(5);
  expect(csv.find((l) => l.startsWith(`acme/web,${accepted.number},`))).toContain(",accepted,mgr1,");
  // evidence: assessed for each, accepted only for the acceptor's acceptance
  const index = JSON.stringify(json(out, "controls/index.json"));
  expect(index).toContain(`risk-assessed/${REPO}#${accepted.number}`);
  expect(index).toContain(`risk-accepted/${REPO}#${accepted.number}`);
  expect(index).not.toContain(`risk-accepted/${REPO}#${forged.number}`);
  expect(by(reviewed.number)).toMatchObject({ reviewState: "scheduled", reviews: [expect.objectContaining({ how: "review-overdue-cleared" })] });
  expect(index).toContain(`risk-reviewed/${REPO}#${reviewed.number}/1`);
  expect(index).not.toContain(`risk-reviewed/${REPO}#${overdue.number}`);
  // the report: the register by level and treatment, the overdue review listed
  const report = readFileSync(path.join(out, "report.html"), "utf8");
  const register = report.slice(report.indexOf('<h2 id="risks">'), report.indexOf("</table>", report.indexOf('class="risk-overdue"')));
  expect(register).toContain("4 open risks, 0 closed");
  expect(register).toMatch(/<tr data-level="high"><th>high<\/th><td data-treatment="accept">2<\/td>/);
  expect(register).toMatch(/<tr data-level="low"><th>low<\/th><td data-treatment="accept">0<\/td><td data-treatment="mitigate">2<\/td>/);
  expect(register).toContain("1 open risk overdue for review");
  expect(register).toContain(`${REPO}#${overdue.number}`);
  expect(register).not.toContain(`${REPO}#${accepted.number}<`);
  expect(report).toContain('id="records-risk"');
  expect(json(out, "manifest.json").counts.risks).toBe(4);
  expect((await verifyBundle(out, { allowUnsigned: true })).ok).toBe(true);
});
