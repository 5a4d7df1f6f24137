import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { fillAlertShare } from "../helpers/content.js";
import { runExport } from "../../src/evidence/export/run.js";
import { verifyBundle } from "../../src/evidence/verify.js";
import type { VulnerabilityRecord } from "../../src/evidence/types.js";
import type { ExceptionEntry } from "../../src/evidence/exceptions.js";
import { MIN, REPO, sweepNow, useIncidentStack } from "../helpers/incident-stack.js";
import { options, sink, tempOut } from "../export/fixture.js";

const DAY = 24 * 60 * MIN;
let stack: Stack;
useIncidentStack((s) => (stack = s));

const json = (out: string, p: string) => JSON.parse(readFileSync(path.join(out, p), "utf8"));
const fillBudget = () => fillAlertShare(stack);

it("a vulnerability raised 10 days before it was fixed, recorded only after the fix, is 10 days to remediate and overdue against its 7-day target", async () => {
  const { sim } = stack;
  // T0 Monday 2026-03-02 09:00: a critical Dependabot alert (7d target) whose record the content budget defers
  await fillBudget();
  sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical", package: "npm/lodash", summary: "Prototype pollution in lodash" });
  await sim.settle();
  // ten days on, GitHub has it fixed while the budget still defers its record
  sim.clock.advance(10 * DAY);
  await fillBudget();
  sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "fixed" });
  await sim.settle();
  // the sweep then opens the owed record, closed as fixed: its own opening and closing are minutes apart
  sim.clock.advance(2 * MIN);
  await sweepNow(stack);
  const record = [...sim.core.store.repoByName(REPO).issues.values()].find((i) => i.user === sim.botLogin && i.labels.includes("source:dependabot"))!;
  expect(record).toMatchObject({ state: "closed" });
  expect(record.body).toContain("**Recorded after the fact:**");

  const out = tempOut();
  await runExport(options(out, { apiUrl: sim.url, noOrgConfig: true, from: "2026-03-01", to: "2026-03-31" }), { env: { GITHUB_TOKEN: sim.userToken("auditor") }, out: () => undefined, progress: sink(), sleep: async () => undefined, generatedAt: "2026-04-05T09:00:00.000Z" });

  const [v, ...more] = json(out, "records/vulnerabilities.json") as VulnerabilityRecord[];
  expect(more).toEqual([]);
  // measured from GitHub's raising of the alert to GitHub's fix, not from the record's opening
  expect(v).toMatchObject({ number: record.number, outcome: "fixed", target: "7d", withinTarget: "overdue", raisedAtSource: "alert", due: "2026-03-09T09:00:00.000Z" });
  expect({ raisedAt: new Date(v!.raisedAt).toISOString(), resolvedAt: new Date(v!.resolvedAt!).toISOString() }).toEqual({ raisedAt: "2026-03-02T09:00:00.000Z", resolvedAt: "2026-03-12T09:00:00.000Z" });
  expect(v!.remediationMinutes).toBe(10 * 24 * 60);
  const exceptions = json(out, "exceptions.json").exceptions as ExceptionEntry[];
  expect(exceptions.filter((e) => e.kind === "remediation-overdue").map((e) => e.record?.number)).toEqual([record.number]);
  const csv = readFileSync(path.join(out, "records/vulnerabilities.csv"), "utf8").trim().split(/\r?\n/);
  expect(csv[1]).toMatch(/,2026-03-02T09:00:00(\.000)?Z,alert,2026-03-09T09:00:00\.000Z,fixed,/);

  const report = readFileSync(path.join(out, "report.html"), "utf8");
  const start = report.indexOf('<h2 id="vulnerabilities">');
  const section = report.slice(start, report.indexOf("<h2", start + 1));
  expect(section).toMatch(/<tr data-severity="critical"><th>critical<\/th><td>7d<\/td><td data-col="open">0<\/td><td data-col="open-overdue">0<\/td><td data-col="fixed">1<\/td><td data-col="median">10.0 d<\/td><td data-col="within">0%<\/td>/);
  expect(section).toContain("1 vulnerability not remediated within the target");
  expect((await verifyBundle(out, { allowUnsigned: true })).ok).toBe(true);
});
