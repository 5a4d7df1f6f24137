/// <reference lib="dom" />
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { buildBundle, REPO_ROOT, tempDir } from "./helpers.js";
import { auditorSource } from "./auditor-fixture.js";

function findChromium(): string | null {
  try {
    return execSync("command -v chromium", { encoding: "utf8", shell: "/bin/sh" }).trim() || null;
  } catch {
    return null;
  }
}

const executablePath = findChromium();
if (!executablePath) console.log(`auditor-report-browser: chromium not on PATH; ${process.env.CI ? "FAILING (CI must install Debian's chromium)" : "skipped"}`);
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"];

describe.skipIf(!executablePath && !process.env.CI)("the auditor's report.html in headless Chromium", () => {
  it("at 1280 and 800 px: no console error, no request, no horizontal overflow, every internal link resolves; screenshot in docs/", async () => {
    expect(executablePath, "chromium is required in CI").toBeTruthy();
    const b = await buildBundle({}, auditorSource());
    const file = path.join(b.out, "report.html");
    const url = pathToFileURL(file).href;
    const context = await chromium.launchPersistentContext(tempDir("ims-chromium-"), { executablePath: executablePath!, headless: true, args: ARGS });
    try {
      for (const width of [1280, 800]) {
        const page = await context.newPage();
        const errors: string[] = [];
        const requests: string[] = [];
        page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
        page.on("pageerror", (e) => void errors.push(e.message));
        page.on("request", (r) => void requests.push(r.url()));
        await page.setViewportSize({ width, height: 900 });
        await page.goto(url, { waitUntil: "load" });
        // open every section, so overflow is measured with every table shown
        await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `horizontal overflow at ${width} px`).toBeLessThanOrEqual(0);
        const links = await page.evaluate(() => Array.from(document.querySelectorAll("a[href]")).map((a) => a.getAttribute("href")!));
        const internal = links.filter((h) => !/^https?:/i.test(h));
        expect(internal.length).toBeGreaterThan(50);
        for (const href of internal) {
          if (href.startsWith("#")) {
            const id = decodeURIComponent(href.slice(1));
            expect(await page.evaluate((x) => document.getElementById(x) !== null, id), `#${id}`).toBe(true);
          } else {
            const target = fileURLToPath(new URL(href, url));
            expect(existsSync(target), href).toBe(true);
          }
        }
        if (width === 1280) {
          await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>("details:not(#exceptions-sla-breach):not(#exceptions-emergency-change)").forEach((d) => (d.open = false)));
          await page.screenshot({ path: path.join(REPO_ROOT, "docs/auditor-report.png"), clip: { x: 0, y: 0, width: 1280, height: 1100 } });
        }
        expect(errors).toEqual([]);
        expect(requests).toEqual([url]);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });
});
