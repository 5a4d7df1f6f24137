import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { runExport } from "../../src/evidence/export/run.js";
import { verifyBundle } from "../../src/evidence/verify.js";
import { drawSample } from "../../src/evidence/sample.js";
import { VULNERABILITY_COLUMNS } from "../../src/evidence/bundle/record-columns.js";
import type { IncidentRecord, VulnerabilityRecord } from "../../src/evidence/types.js";
import type { ExceptionEntry } from "../../src/evidence/exceptions.js";
import { MIN, REPO, useIncidentStack } from "../helpers/incident-stack.js";
import { options, sink, tempOut } from "../export/fixture.js";

const DAY = 24 * 60 * MIN;
let stack: Stack;
useIncidentStack((s) => (stack = s));

const json = (out: string, p: string) => JSON.parse(readFileSync(path.join(out, p), "utf8"));
const numberOf = (source: string) => {
  for (let n = 1; n < 50; n++) if (stack.sim.issue(REPO, n).labels.includes(`source:${source}`)) return n;
  throw new Error(`no ${source} record`);
};

it("security alerts' records are vulnerability records in the bundle: fixed in time, overdue and dismissed, with the report section, exceptions and a verifying bundle", async () => {
  const { sim } = stack;
  // T0 Monday 2026-03-02 09:00: a critical Dependabot alert (7d target) fixed two days later
  sim.as("dependabot[bot]").raiseAlert(REPO, "dependabot", { severity: "critical", package: "npm/lodash", summary: "Prototype pollution in lodash" });
  // a leaked secret (1d target) nobody revokes: overdue
  sim.as("github[bot]").raiseAlert(REPO, "secret-scanning", { secretType: "GitHub Personal Access Token" });
  // a code scanning alert bob dismisses with a reason and a written justification
  sim.as("github-advanced-security[bot]").raiseAlert(REPO, "code-scanning", { severity: "medium", summary: "SQL injection" });
  await sim.settle();
  const fixed = numberOf("dependabot");
  const leaked = numberOf("secret-scanning");
  const dismissed = numberOf("code-scanning");
  // a person's hand-made "alert record": labelled and with the marker pasted, but not the app's issue
  const forged = sim.as("tom").openIssue(REPO, { title: "fake alert", body: `<!-- ims-alert dependabot:9 -->\n${sim.issue(REPO, fixed).body}`, labels: ["ims:incident", "security:event", "source:dependabot", "alert-severity:low"] });
  await sim.settle();
  sim.clock.advance(DAY);
  sim.as("bob").changeAlert(REPO, "code-scanning", 1, { action: "dismissed", reason: "false positive", comment: "input is a constant" });
  await sim.settle();
  sim.clock.advance(DAY);
  sim.as("dependabot[bot]").changeAlert(REPO, "dependabot", 1, { action: "fixed" });
  await sim.settle();
  expect(sim.issue(REPO, fixed).state).toBe("closed");
  expect(sim.issue(REPO, dismissed).state).toBe("closed");
  expect(sim.issue(REPO, leaked).state).toBe("open");

  const out = tempOut();
  await runExport(options(out, { apiUrl: sim.url, noOrgConfig: true, from: "2026-03-01", to: "2026-03-31" }), { env: { GITHUB_TOKEN: sim.userToken("auditor") }, out: () => undefined, progress: sink(), sleep: async () => undefined, generatedAt: "2026-04-05T09:00:00.000Z" });

  const vulns = json(out, "records/vulnerabilities.json") as VulnerabilityRecord[];
  const by = (n: number) => vulns.find((v) => v.number === n)!;
  expect(vulns.map((v) => v.number).sort((a, b) => a - b)).toEqual([fixed, leaked, dismissed].sort((a, b) => a - b));
  expect(by(fixed)).toMatchObject({ kind: "vulnerability", source: "dependabot", alert: { number: 1 }, severity: "critical", package: "npm/lodash", target: "7d", outcome: "fixed", withinTarget: "within", dismissal: null, due: "2026-03-09T09:00:00.000Z" });
  expect(by(fixed).alert.url).toMatch(/^https?:\/\/.*dependabot\/1$/);
  expect(by(fixed).resolvedAt).toBe(sim.issue(REPO, fixed).closedAt);
  expect(by(fixed).remediationMinutes).toBe(2 * 24 * 60);
  expect(by(leaked)).toMatchObject({ source: "secret-scanning", severity: "secret", target: "1d", outcome: "open", resolvedAt: null, withinTarget: "overdue", due: "2026-03-03T09:00:00.000Z" });
  expect(by(dismissed)).toMatchObject({ source: "code-scanning", severity: "medium", outcome: "dismissed", withinTarget: "within", dismissal: { by: "bob", reason: "false positive", comment: "input is a constant" }, awaitingReview: null });
  // its own file, the same record; the incident record of the same issue says it is an alert's
  expect(json(out, `records/vulnerability/acme/web/${fixed}.json`)).toEqual(by(fixed));
  const incidents = json(out, "records/incidents.json") as IncidentRecord[];
  expect(incidents.find((i) => i.number === fixed)).toMatchObject({ alert: { source: "dependabot", number: 1 } });
  expect(incidents.find((i) => i.number === fixed)!.sla.find((s) => s.clock === "resolve")).toMatchObject({ target: "7d", status: "met" });
  expect(incidents.find((i) => i.number === forged.number)?.alert).toBeUndefined();

  // CSV: the header is the columns, one row per vulnerability
  const csv = readFileSync(path.join(out, "records/vulnerabilities.csv"), "utf8").trim().split(/\r?\n/);
  expect(csv[0]).toBe(VULNERABILITY_COLUMNS.map(([h]) => h).join(","));
  expect(csv).toHaveLength(4);
  expect(csv.find((l) => l.startsWith(`acme/web,${dismissed},`))).toContain(",dismissed,");
  expect(csv.find((l) => l.startsWith(`acme/web,${dismissed},`))).toContain(",bob,false positive,input is a constant,");
  expect(csv.find((l) => l.startsWith(`acme/web,${leaked},`))).toMatch(/,overdue$/);

  // evidence items, mapped to the controls
  const index = JSON.stringify(json(out, "controls/index.json"));
  expect(index).toContain(`vulnerability-recorded/${REPO}#${leaked}`);
  expect(index).toContain(`vulnerability-remediated/${REPO}#${fixed}`);
  expect(index).toContain(`vulnerability-dismissed/${REPO}#${dismissed}`);
  expect(index).not.toContain(`vulnerability-recorded/${REPO}#${forged.number}`);

  // exceptions: the overdue remediation only; no incident SLA breach and no "not assessed" for an alert's record
  const exceptions = json(out, "exceptions.json").exceptions as ExceptionEntry[];
  const alertRecords = new Set([fixed, leaked, dismissed]);
  expect(exceptions.filter((e) => e.kind === "remediation-overdue").map((e) => e.record?.number)).toEqual([leaked]);
  expect(exceptions.filter((e) => e.kind === "remediation-overdue")[0]).toMatchObject({ at: "2026-03-03T09:00:00.000Z", file: `records/vulnerability/acme/web/${leaked}.json` });
  expect(exceptions.filter((e) => (e.kind === "sla-breach" || e.kind === "security-not-assessed") && alertRecords.has(e.record?.number ?? 0))).toEqual([]);
  // the forged record is judged as any incident: its security event is not assessed in time
  expect(exceptions.some((e) => e.kind === "security-not-assessed" && e.record?.number === forged.number)).toBe(true);

  // the report: open by severity, remediation against the target, the overdue one, the dismissal with who and why
  const report = readFileSync(path.join(out, "report.html"), "utf8");
  const start = report.indexOf('<h2 id="vulnerabilities">');
  expect(start).toBeGreaterThan(0);
  const section = report.slice(start, report.indexOf("<h2", start + 1));
  expect(section).toContain("3 vulnerabilities");
  expect(section).toMatch(/<tr data-severity="critical"><th>critical<\/th><td>7d<\/td><td data-col="open">0<\/td><td data-col="open-overdue">0<\/td><td data-col="fixed">1<\/td><td data-col="median">2.0 d<\/td><td data-col="within">100%<\/td>/);
  expect(section).toMatch(/<tr data-severity="secret"><th>secret<\/th><td>1d<\/td><td data-col="open">1<\/td><td data-col="open-overdue"><span class="gap">1<\/span><\/td>/);
  expect(section).toContain("1 vulnerability not remediated within the target");
  const overdue = section.slice(section.indexOf('class="vulnerability-overdue"'), section.indexOf("</table>", section.indexOf('class="vulnerability-overdue"')));
  expect(overdue).toContain(`${REPO}#${leaked}`);
  expect(overdue).not.toContain(`${REPO}#${fixed}<`);
  const dismissals = section.slice(section.indexOf('class="vulnerability-dismissals"'));
  expect(dismissals).toMatch(new RegExp(`${REPO}#${dismissed}</a></td><td>code-scanning #1</td><td>medium</td>.*<td>bob</td><td>false positive</td><td>input is a constant</td>`));
  expect(report).toContain('id="records-vulnerability"');
  expect(report).toContain("Vulnerabilities not remediated within their target");

  expect(json(out, "manifest.json").counts.vulnerabilities).toBe(3);
  const verified = await verifyBundle(out, { allowUnsigned: true });
  expect(verified.ok).toBe(true);
  // an auditor can sample the vulnerabilities
  const sample = await drawSample(out, "vulnerabilities", 2, "audit-2026");
  expect(sample.populationSize).toBe(3);
  expect(sample.rows.map((r) => r.file)).toEqual(expect.arrayContaining([expect.stringMatching(/^records\/vulnerability\/acme\/web\/\d+\.json$/)]));
});
