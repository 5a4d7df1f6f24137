import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AREAS } from "../../src/store/areas.js";

/**
 * Every area of the store the app opens is listed in src/store/areas.ts with its bounds (one home for
 * what the app remembers, how much and how long). An area opened under a name that is not listed, or
 * with bounds written at the call instead of `AREAS.<name>`, is a hole in that list.
 */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

interface AreaCall {
  file: string;
  name: string | null;
  bounds: string;
}

/** The `.area<T>(name, bounds)` calls of one source (the store's own implementations aside). */
export function areaCalls(file: string, text: string): AreaCall[] {
  const out: AreaCall[] = [];
  const re = /\.area\s*(?:<[^(]*?>)?\s*\(\s*([^,]+?)\s*,\s*([^)]+?)\s*\)/g;
  for (const m of text.matchAll(re)) {
    const lit = /^["'`]([A-Za-z0-9_-]+)["'`]$/.exec(m[1]!);
    out.push({ file, name: lit ? lit[1]! : null, bounds: m[2]!.replace(/\s+/g, "") });
  }
  return out;
}

const isStoreImpl = (f: string) => f.startsWith("src/store/");

/** What is wrong with one call, or null. */
function problem(c: AreaCall): string | null {
  // the one generic accessor (src/github/store-of.ts) takes an AreaName and passes AREAS[name]
  if (c.name === null) return c.bounds === "AREAS[name]" ? null : `${c.file}: an area opened under a computed name with bounds ${c.bounds}`;
  if (!(c.name in AREAS)) return `${c.file}: area "${c.name}" is not listed in src/store/areas.ts`;
  if (c.bounds !== `AREAS.${c.name}` && c.bounds !== `AREAS["${c.name}"]`) return `${c.file}: area "${c.name}" takes its bounds from ${c.bounds}, not AREAS.${c.name}`;
  return null;
}

describe("store areas", () => {
  it("every area the app opens is listed in src/store/areas.ts and opened with its listed bounds", () => {
    const calls = sources("src")
      .map((f) => f.split(path.sep).join("/"))
      .filter((f) => !isStoreImpl(f))
      .flatMap((f) => areaCalls(f, readFileSync(f, "utf8")));
    expect(calls.length).toBeGreaterThan(5);
    expect(calls.map(problem).filter(Boolean)).toEqual([]);
  });

  it("catches an unlisted area and bounds written at the call", () => {
    const text = `const a = (s: Store) => s.area<number>("scratch", { maxEntries: 5 });\nconst b = (s: Store) => s.area<X>("labels", { maxEntries: 1 });\nconst c = s.area<number>("lastSwept", AREAS.lastSwept);`;
    const found = areaCalls("src/x.ts", text).map(problem);
    expect(found).toEqual([
      `src/x.ts: area "scratch" is not listed in src/store/areas.ts`,
      `src/x.ts: area "labels" takes its bounds from {maxEntries:1}, not AREAS.labels`,
      null,
    ]);
  });

  it("every listed area is bounded: a positive entry limit and, when set, a positive time to live", () => {
    for (const [name, b] of Object.entries(AREAS) as Array<[string, { maxEntries: number; ttlMs?: number }]>) {
      expect(b.maxEntries, name).toBeGreaterThan(0);
      if (b.ttlMs !== undefined) expect(b.ttlMs, name).toBeGreaterThan(0);
    }
  });
});
