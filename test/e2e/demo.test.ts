import { existsSync, mkdtempSync, rmSync } from "node:fs";
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
  }, 120_000);
});
