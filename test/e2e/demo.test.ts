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
