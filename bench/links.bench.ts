/**
 * Issue 4: the change-link parser (`Change: #N`, closing keywords, code and comments skipped) runs in
 * linear time on hostile pull-request bodies. Prints parse time at doubling sizes; linear means the
 * ratio time(64k) / time(32k) stays near 2, not 4. Run: npx tsx bench/links.bench.ts
 */
import { parseChangeLinks } from "../src/change/links.js";

const shapes: Record<string, string> = {
  "unclosed code spans": "` ``` `` x ",
  "comment openers": "<!-- Change: #1 ",
  "fence toggles": "```\nChange: #1\n~~~\n",
  "keywords without numbers": "Change: closes fixes resolved ** : ",
  "almost-URLs": "closes https://github.com/a/b/issues/x ",
};

function time(body: string, reps: number): number {
  for (let i = 0; i < 5; i++) parseChangeLinks(body);
  const t = performance.now();
  for (let i = 0; i < reps; i++) parseChangeLinks(body);
  return (performance.now() - t) / reps;
}

/** Runs the benchmark and returns printable lines. */
export function benchLinks(): string[] {
  const sizes = [8_192, 16_384, 32_768, 65_536];
  const lines = [`parse time (ms) at ${sizes.join(", ")} characters; ratio = time(64k) / time(32k)`];
  for (const [name, piece] of Object.entries(shapes)) {
    const ms = sizes.map((n) => time(piece.repeat(Math.ceil(n / piece.length)).slice(0, n), 50));
    lines.push(`  ${name.padEnd(28)} ${ms.map((m) => m.toFixed(3).padStart(8)).join(" ")}   ratio ${(ms[3]! / ms[2]!).toFixed(2)}`);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of benchLinks()) console.log(l);
