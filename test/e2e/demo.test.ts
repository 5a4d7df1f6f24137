import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runDemo } from "../../src/demo/main.js";

describe("npm run demo (the real app against the simulator over HTTP)", () => {
  let outDir = "";
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it("plays the whole scenario and exits 0, showing the classified incidents", async () => {
    // npm test must leave a person's demo-output/ alone: the test's bundle goes to a folder of its own
    outDir = mkdtempSync(path.join(tmpdir(), "ims-demo-"));
    const lines: string[] = [];
    const code = await runDemo((l) => lines.push(l), { outDir });
    const out = lines.join("\n");
    expect(out).not.toContain("✗");
    expect(code).toBe(0);
    expect(out).toContain("labels: cia:availability, ims:incident, priority:P1");
    expect(out).toMatch(/redelivered .*; the app made 0 GitHub API calls; still one card: 1/);
    expect(out).toContain("✓ demo finished");
    // security alerts: a critical Dependabot alert is a P1 security event on its 7-day remediation clock,
    // reopens when closed by hand, escalates when the target is missed, and closes when GitHub has it fixed
    const alerts = out.slice(out.indexOf("== Security alerts"), out.indexOf("== Evidence"));
    expect(alerts).toContain("labels: alert-severity:critical, impact:high, ims:incident, priority:P1, security:event, source:dependabot, urgency:high");
    expect(alerts).toContain("resolve within 7d (the alert's remediation target)");
    expect(alerts).toMatch(/state: open; @\u200bcarol closed this record by hand, but the alert \[#1\]\S+ is still \*\*open\*\* on GitHub/);
    expect(alerts).toMatch(/labels: [^\n]*sla:at-risk/);
    expect(alerts).toMatch(/labels: [^\n]*escalation:hierarchical[^\n]*sla:breached[^\n]*; management mentions: 1/);
    expect(alerts).toMatch(/state: closed; The alert \[#1\]\(\S+\/dependabot\/1\) is \*\*fixed\*\*/);
    // a secret: P1, a public leak adds confidentiality impact, resolved as revoked closes it
    expect(alerts).toMatch(/labels: alert-severity:secret, cia:confidentiality, [^\n]*priority:P1/);
    expect(alerts).toMatch(/state: closed; The alert \[#1\]\(\S+\/secret-scanning\/1\) is \*\*fixed\*\*/);
    expect(existsSync(path.join(outDir, "ims-evidence.zip")), "the evidence bundle is written to the folder given").toBe(true);
    // the auditor's report: exceptions read first, a sample drawn twice with one seed giving the same rows
    expect(out).toMatch(/exceptions\.json: \d+ [a-z-]+/);
    expect(out).toMatch(/drawn twice with seed demo-audit: the same \d+ rows/);
    const csv = (n: number) => readFileSync(path.join(outDir, `sample-${n}`, "ims-evidence.sample-changes-demo-audit.csv"), "utf8");
    expect(csv(1).split("\r\n").length).toBeGreaterThan(2);
    expect(csv(2)).toBe(csv(1));
    expect(existsSync(path.join(outDir, "ims-evidence", "reports/service-report.html"))).toBe(true);
  }, 120_000);
});
