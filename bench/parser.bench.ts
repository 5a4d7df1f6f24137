/**
 * Issue 2: the issue-form parser runs in linear time on any body. Prints parse time for adversarial
 * shapes at doubling sizes; linear means the time roughly doubles with the size (ratio ~2, not ~4).
 */
import { parseForm, ticked } from "../src/records/form.js";

const shapes: Record<string, (n: number) => string> = {
  "headings with trailing hashes": (n) => "### " + "# ".repeat(n / 2),
  "checkbox with long inner spaces": (n) => "### A\n- [x] a" + " ".repeat(n) + "b",
  "many sections": (n) => "### H\nv\n".repeat(n / 8),
  "fence toggles": (n) => "```\n".repeat(n / 4),
  "random unicode": (n) => Array.from({ length: n }, (_, i) => String.fromCodePoint(0x20 + ((i * 7919) % 0x2fff))).join(""),
};

function time(body: string, reps: number): number {
  for (let i = 0; i < 5; i++) parseForm(body); // warm up the JIT
  const t = performance.now();
  for (let i = 0; i < reps; i++) ticked(parseForm(body), "A");
  return (performance.now() - t) / reps;
}

/** Runs the benchmark and returns printable lines. */
export function benchParser(): string[] {
  const sizes = [8_192, 16_384, 32_768, 65_536];
  const lines = [`parse time (ms) at ${sizes.join(", ")} characters; ratio = time(64k) / time(32k)`];
  for (const [name, make] of Object.entries(shapes)) {
    const ms = sizes.map((n) => time(make(n), 200));
    lines.push(`  ${name.padEnd(32)} ${ms.map((m) => m.toFixed(3).padStart(8)).join(" ")}   ratio ${(ms[3]! / ms[2]!).toFixed(2)}`);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of benchParser()) console.log(l);
