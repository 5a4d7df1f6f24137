import { execSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Page } from "playwright-core";
import { expect } from "vitest";

/** Debian's chromium on PATH, or null (the browser tests fail in CI without it, and skip elsewhere). */
function findChromium(): string | null {
  try {
    return execSync("command -v chromium", { encoding: "utf8", shell: "/bin/sh" }).trim() || null;
  } catch {
    return null;
  }
}

export const chromiumPath = findChromium();

/** Headless, as root, with none of Chromium's own network traffic (this machine's network is closed). */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"];

/** Says once, for a file of browser tests, why it skips or must fail. */
export function sayWhenNoChromium(name: string): void {
  if (!chromiumPath) console.log(`${name}: chromium not on PATH; ${process.env.CI ? "FAILING (CI must install Debian's chromium)" : "skipped (install Debian's chromium to run it)"}`);
}

/**
 * Opens a page in headless Chromium (a fresh profile), recording console errors and every request;
 * after `run`, there must be no error and no request but the page itself.
 */
export async function openInChromium(file: string, run: (page: Page, url: string) => Promise<void>, viewport?: { width: number; height: number }): Promise<void> {
  expect(chromiumPath, "chromium is required in CI").toBeTruthy();
  const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "ims-chromium-")), { executablePath: chromiumPath!, headless: true, args: CHROMIUM_ARGS });
  const errors: string[] = [];
  const requests: string[] = [];
  try {
    const page = await context.newPage();
    page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
    page.on("pageerror", (e) => void errors.push(e.message));
    page.on("request", (r) => void requests.push(r.url()));
    if (viewport) await page.setViewportSize(viewport);
    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: "load" });
    await run(page, url);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
  } finally {
    await context.close();
  }
}
