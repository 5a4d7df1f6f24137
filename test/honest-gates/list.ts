import { readdirSync, readFileSync, writeFileSync } from "node:fs";

/**
 * The honest-gates suite's index: every test of `test/honest-gates/` by file, as README.md in that
 * folder lists them. `npx tsx test/honest-gates/list.ts` writes it; list.test.ts fails when it is out
 * of date, so the list of refused bypasses is always the list of tests that refuse them.
 */
const DIR = new URL("./", import.meta.url);
const README = new URL("README.md", DIR);

// it("name"), it.each(...)("name"), test("name"), describe("name"): the quoted name, any of three quotes
const NAME = /\b(it|test|describe)(?:\.each\([\s\S]*?\]\))?\(\s*(["'`])((?:\\.|(?!\2)[^\\])*)\2/g;

export function renderIndex(): string {
  const files = readdirSync(DIR).filter((f) => f.endsWith(".test.ts")).sort();
  const lines = [
    "# Honest gates",
    "",
    "Every bypass `IMS / change control` (and the evidence bundle's verification) refuses, one test each.",
    "End-to-end tests drive the real app against the simulator; `*-pure` files test the pure policy.",
    "This list is generated from the tests (`npx tsx test/honest-gates/list.ts`); `list.test.ts` keeps it current.",
    "",
  ];
  let count = 0;
  for (const file of files) {
    if (file === "list.test.ts") continue;
    const source = readFileSync(new URL(file, DIR), "utf8");
    const names = [...source.matchAll(NAME)].map((m) => ({ kind: m[1]!, name: m[3]!.replace(/\\(.)/g, "$1") }));
    const tests = names.filter((n) => n.kind !== "describe");
    if (tests.length === 0) continue;
    const title = names.find((n) => n.kind === "describe")?.name;
    lines.push(`## ${file}${title ? ` — ${title}` : ""}`, "");
    for (const t of tests) lines.push(`- ${t.name}`);
    lines.push("");
    count += tests.length;
  }
  lines.push(`${count} tests.`, "");
  return lines.join("\n");
}

export function currentIndex(): string {
  return readFileSync(README, "utf8");
}

if (process.argv[1] && new URL(`file://${process.argv[1]}`).href === import.meta.url) writeFileSync(README, renderIndex());
