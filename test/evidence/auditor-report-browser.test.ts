/// <reference lib="dom" />
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { chromiumPath, openInChromium, sayWhenNoChromium } from "../helpers/chromium.js";
import { buildBundle, REPO_ROOT } from "./helpers.js";
import { auditorSource } from "./auditor-fixture.js";

sayWhenNoChromium("auditor-report-browser");

describe.skipIf(!chromiumPath && !process.env.CI)("the auditor's report.html in headless Chromium", () => {
  it("at 1280 and 800 px: no console error, no request, no horizontal overflow, every internal link resolves; screenshot in docs/", async () => {
    const b = await buildBundle({}, auditorSource());
    const file = path.join(b.out, "report.html");
    for (const width of [1280, 800]) {
      await openInChromium(file, async (page, url) => {
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
      }, { width, height: 900 });
    }
  });
});
