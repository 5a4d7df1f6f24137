import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { moduleState } from "./module-state.js";

/**
 * What the app remembers lives in its store (src/store), one per app instance; a module-level
 * variable would be shared by every app in a process and lost on restart, so a fresh instance could
 * decide differently. The few left are listed here, each with why it cannot change a decision.
 */
const ALLOWED: Record<string, string> = {
  // pure memoisation: the result is a function of the key's content, the same in every process
  "src/sla/calendar-days.ts compiled": "compiled calendar per config object (weak: dropped with the config); pure, same result in every process",
  "src/sla/calendar-days.ts byContent": "compiled calendar per calendar content, cleared beyond CONTENT_CACHE_LIMIT; pure, same result in every process",
  "src/change/config.ts cache": "compiled glob matcher per pattern list (weak: dropped with the config); pure, same result in every process",
  "src/simulator/graphql/schema.ts built": "the simulator's GraphQL schema, built once from a constant SDL; pure",
  "src/github/content-pacing.ts POINTS": "each app's (keyed by its store, weak: dropped with it) endpoint points of the last minute; per process, as GitHub's 900 points a minute per endpoint are only paced, never decided on",
  "src/simulator/base.ts sharedKey": "the simulator's throwaway RSA key, made once a process (the simulator accepts any JWT); decides nothing in the app",
  // the simulated GitHub: state per simulator instance, keyed by its Core (weak: dropped with it)
  "src/simulator/ops/push.ts listeners": "push listeners per simulator (keyed by its Core)",
  "src/simulator/ops/merge-queue.ts queues": "merge queues per simulator (keyed by its Core)",
  "src/simulator/ops/merge-queue.ts wired": "which simulators have their merge queue wired (keyed by Core)",
  "src/simulator/ops/checks.ts completedListeners": "check-run listeners per simulator (keyed by its Core)",
  "src/simulator/graphql/route.ts budgets": "GraphQL rate budgets per simulator (keyed by its Core)",
  // test plumbing of the simulator: test/setup.ts holds every simulator of a test process to GitHub's descriptions
  "src/simulator/oracle.ts current": "the schema oracle test/setup.ts installs for the test process; decides nothing in the app",
  "src/simulator/oracle.ts violations": "what that oracle found, taken by test/setup.ts after each test",
  // per process by nature: Prometheus scrapes each replica, and a Lambda container holds one app
  "src/ops/metrics.ts defaults": "Node's process metrics are registered once on the process's metrics registry",
  "src/lambda.ts handle": "one Probot per Lambda container, made at its first invocation (as the adapter expects); it remembers nothing itself",
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

const found = () => sources("src").flatMap((f) => moduleState(f.split(path.sep).join("/"), readFileSync(f, "utf8")));

describe("no module-level mutable state in src/", () => {
  it("every top-level let, var, new Map/Set/WeakMap/WeakSet/Array and changed literal is in the allow-list, with its reason", () => {
    const unlisted = found().filter((s) => !(`${s.file} ${s.name}` in ALLOWED)).map((s) => `${s.file}:${s.line} ${s.name} (${s.why}): move it into the store (src/store) or a per-app object`);
    expect(unlisted).toEqual([]);
  });

  it("the allow-list names only state that still exists (a removed one is taken off the list)", () => {
    const present = new Set(found().map((s) => `${s.file} ${s.name}`));
    expect(Object.keys(ALLOWED).filter((k) => !present.has(k))).toEqual([]);
  });
});

describe("what the scan finds", () => {
  const names = (text: string) => moduleState("x.ts", text).map((s) => `${s.name}: ${s.why}`);

  it("top-level let and var, and collections held by a top-level const", () => {
    expect(names("let a = 1;\nexport let b: string[] = [];\nvar c;\nconst d = new Map<string, number>();\nconst e = new Set();\nconst f = new WeakMap();\nconst g = new Array(3);")).toEqual([
      "a: top-level let", "b: top-level let", "c: top-level var", "d: top-level const = new Map", "e: top-level const = new Set", "f: top-level const = new WeakMap", "g: top-level const = new Array",
    ]);
  });

  it("a const array or object literal the module changes, but not one it only reads", () => {
    expect(names("const q: number[] = [];\nexport function f() { q.push(1); }\nconst o = {} as Record<string, number>;\nfunction g(k: string) { o[k] = 1; }\nconst n = { hits: 0 };\nconst h = () => n.hits++;\nconst READ = [1, 2];\nconst sum = () => READ.reduce((a, b) => a + b, 0);")).toEqual([
      "q: top-level array literal changed in place", "o: top-level object literal changed in place", "n: top-level object literal changed in place",
    ]);
  });

  it("a read-only table (typed ReadonlyMap/ReadonlySet), a constant and state inside functions are not module state", () => {
    expect(names("const S: ReadonlySet<string> = new Set(['a']);\nconst M: ReadonlyMap<string, number> = new Map();\nconst N = 3;\nexport function f() { let x = 0; const m = new Map(); x++; return m; }\nexport class C { #m = new Map(); }")).toEqual([]);
  });
});
