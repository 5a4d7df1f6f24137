import { describe, expect, it } from "vitest";
import { runDemo } from "../../src/demo/main.js";

describe("npm run demo (the real app against the simulator over HTTP)", () => {
  it("plays the whole scenario and exits 0, showing the classified incidents", async () => {
    const lines: string[] = [];
    const code = await runDemo((l) => lines.push(l));
    const out = lines.join("\n");
    expect(out).not.toContain("✗");
    expect(code).toBe(0);
    expect(out).toContain("labels: cia:availability, ims:incident, priority:P1");
    expect(out).toMatch(/redelivered .*; the app made 0 GitHub API calls; still one card: 1/);
    expect(out).toContain("✓ demo finished");
  }, 120_000);
});
