import { execSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { buildBundle, REPO_ROOT, tempDir } from "./helpers.js";

function findChromium(): string | null {
  try {
    return execSync("command -v chromium", { encoding: "utf8", shell: "/bin/sh" }).trim() || null;
  } catch {
    return null;
  }
}

const executablePath = findChromium();
if (!executablePath) console.log(`report-browser: chromium not on PATH; ${process.env.CI ? "FAILING (CI must install Debian's chromium)" : "skipped (install Debian's chromium to run it)"}`);

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"];

/** Opens a report in headless Chromium, recording console errors and every request. */
async function open(file: string, run: (page: import("playwright-core").Page) => Promise<void>) {
  expect(executablePath, "chromium is required in CI").toBeTruthy();
  const context = await chromium.launchPersistentContext(tempDir("ims-chromium-"), { executablePath: executablePath!, headless: true, args: ARGS });
  const errors: string[] = [];
  const requests: string[] = [];
  try {
    const page = await context.newPage();
    page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
    page.on("pageerror", (e) => void errors.push(e.message));
    page.on("request", (r) => void requests.push(r.url()));
    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: "load" });
    await run(page);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
  } finally {
    await context.close();
  }
}

describe.skipIf(!executablePath && !process.env.CI)("report.html in headless Chromium", () => {
  it("renders with no console error, no request but itself, every section and table; screenshot saved", async () => {
    const b = await buildBundle();
    await open(path.join(b.out, "report.html"), async (page) => {
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
    await open(path.join(b.out, "report.html"), async (page) => {
      expect(await page.locator("#unsigned").innerText()).toMatch(/UNSIGNED BUNDLE/);
    });
  });
});
