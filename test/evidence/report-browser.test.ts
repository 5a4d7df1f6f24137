import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chromiumPath, openInChromium, sayWhenNoChromium } from "../helpers/chromium.js";
import { buildBundle, REPO_ROOT } from "./helpers.js";

sayWhenNoChromium("report-browser");

describe.skipIf(!chromiumPath && !process.env.CI)("report.html in headless Chromium", () => {
  it("renders with no console error, no request but itself, every section and table; screenshot saved", async () => {
    const b = await buildBundle();
    await openInChromium(path.join(b.out, "report.html"), async (page) => {
      for (const sel of ["table.summary", "table.sla", "svg.chart", "table.security", "table.major", "table.changes", "table.emergency"]) {
        expect(await page.locator(sel).count(), sel).toBeGreaterThan(0);
      }
      expect(await page.locator("table.controls").count()).toBe(3);
      expect(await page.locator("svg.bar").count()).toBe(10);
      expect(await page.locator("script").count()).toBe(0);
      expect(await page.locator("#unsigned").count()).toBe(0);
      expect(await page.locator("body").innerText()).toContain('=HYPERLINK("http://evil.example","click") <script>alert(1)</script>');
      expect(await page.locator("body").innerText()).toMatch(/20000-1.*our reading/);
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
      expect(csp).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      mkdirSync(path.join(REPO_ROOT, "test-artifacts"), { recursive: true });
      await page.screenshot({ path: path.join(REPO_ROOT, "test-artifacts/report.png"), fullPage: true });
      expect((await page.pdf({ format: "A4" })).length).toBeGreaterThan(10_000);
    });
  });

  it("shows the unsigned banner for an unsigned bundle", async () => {
    const b = await buildBundle({ signingKey: null });
    await openInChromium(path.join(b.out, "report.html"), async (page) => {
      expect(await page.locator("#unsigned").innerText()).toMatch(/UNSIGNED BUNDLE/);
    });
  });
});
