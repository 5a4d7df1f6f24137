#!/usr/bin/env node
/**
 * The README's pictures, taken from the demo: a record card, a check-run summary and the report,
 * rendered in headless Chromium (Debian's `chromium`, as the report test uses it) and written to
 * docs/images/*.png. Run with `npm run docs:pictures` after changing what the card, the check or the
 * report shows.
 */
import { execSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import escapeHtml from "escape-html";
import { micromark } from "micromark";
import { chromium } from "playwright-core";
import { runDemo } from "./main.js";

/** The flags the report test runs Chromium with: no sandbox in containers, nothing fetched from the network. */
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const OUT = path.resolve("docs/images");
const CHECK = "IMS / change control";

/** GitHub hides HTML comments (the app's markers and traces); so does the picture. */
const visible = (markdown: string) => markdown.replace(/<!--[\s\S]*?-->/g, "").trim();

/**
 * Debian's Chromium has no colour emoji font, so the status emoji of the result tree would show as
 * boxes: they are drawn as coloured marks of the fonts it has (GitHub shows the emoji).
 */
const MARKS: Record<string, string> = { "✅": '<b style="color:#1a7f37">✔</b>', "❌": '<b style="color:#d1242f">✘</b>', "⏳": '<b style="color:#9a6700">…</b>', "➖": '<b style="color:#59636e">–</b>' };
const marks = (html: string) => html.replace(/✅|❌|⏳|➖/g, (e) => MARKS[e] ?? e);

/** A page that looks like a GitHub comment box, holding rendered Markdown. */
function page(title: string, markdown: string): string {
  const css = `body{font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;background:#f6f8fa;margin:0;padding:24px;color:#1f2328}
.box{max-width:820px;background:#fff;border:1px solid #d1d9e0;border-radius:6px}
.head{background:#f6f8fa;border-bottom:1px solid #d1d9e0;padding:8px 16px;color:#59636e;border-radius:6px 6px 0 0}
.body{padding:8px 16px}code{background:#eff1f3;padding:.1em .3em;border-radius:4px;font-size:85%}h1,h2,h3{margin:.8em 0 .4em}h2{font-size:1.2em}h3{font-size:1.05em}`;
  return `<!doctype html><meta charset="utf-8"><style>${css}</style><div class="box"><div class="head">${escapeHtml(title)}</div><div class="body">${marks(micromark(visible(markdown)))}</div></div>`;
}

function findFile(dir: string, name: string): string | null {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isFile() && e.name === name) return p;
    if (e.isDirectory()) {
      const found = findFile(p, name);
      if (found) return found;
    }
  }
  return null;
}

async function main(): Promise<void> {
  const executablePath = execSync("command -v chromium", { encoding: "utf8", shell: "/bin/sh" }).trim();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "ims-pictures-"));
  const pages: Array<{ name: string; file: string }> = [];
  try {
    const code = await runDemo(() => {}, {
      outDir: path.join(tmp, "demo-output"),
      async beforeStop(d) {
        const issues = [...d.sim.core.store.repoByName(d.repo).issues.values()];
        // the richest incident card of the demo: the one with the most to show
        const cards = issues.flatMap((i) => d.sim.comments(d.repo, i.number).filter((c) => c.user === d.sim.botLogin && c.body.startsWith("<!-- ims-card -->")).map((c) => ({ i, body: c.body })));
        const card = cards.filter((c) => c.i.labels.includes("ims:incident")).sort((a, b) => b.body.length - a.body.length)[0];
        // the demo's runs end passing (a blocked run is edited when approved): the one with the most to show
        const run = d.sim.checkRuns(d.repo).filter((c) => c.name === CHECK).sort((a, b) => (b.output.summary ?? "").length - (a.output.summary ?? "").length)[0];
        if (!card || !run) throw new Error("the demo left no incident card or change check to picture");
        for (const [name, title, md] of [
          ["record-card", `ims-bot commented on #${card.i.number} ${card.i.title}`, card.body],
          ["check-run-summary", `${CHECK}: ${run.output.title ?? ""}`, run.output.summary ?? ""],
        ] as const) {
          const file = path.join(tmp, `${name}.html`);
          writeFileSync(file, page(title, md));
          pages.push({ name, file });
        }
      },
    });
    if (code !== 0) throw new Error("the demo finished with problems: run `npm run demo` to see them");
    const report = findFile(path.join(tmp, "demo-output"), "report.html");
    if (!report) throw new Error("the demo wrote no report.html");
    pages.push({ name: "report", file: report });
    mkdirSync(OUT, { recursive: true });
    const context = await chromium.launchPersistentContext(path.join(tmp, "chromium"), { executablePath, headless: true, args: ARGS, viewport: { width: 900, height: 1100 } });
    try {
      for (const p of pages) {
        const tab = await context.newPage();
        await tab.goto(pathToFileURL(p.file).href, { waitUntil: "load" });
        const out = path.join(OUT, `${p.name}.png`);
        // cards and summaries are short: the whole box; the report is long: its first screen
        if (p.name === "report") await tab.screenshot({ path: out });
        else await tab.locator(".box").screenshot({ path: out });
        console.log(`wrote ${path.relative(process.cwd(), out)}`);
      }
    } finally {
      await context.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error("pictures failed:", error);
      process.exit(1);
    },
  );
}
