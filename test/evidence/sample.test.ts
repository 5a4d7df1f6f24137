import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { sampleKey } from "../../src/evidence/sample.js";
import { buildBundle, tempDir } from "./helpers.js";
import { change, fromArray, PERIOD } from "./fixtures.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), env: {} }, out, err };
}

/** A bundle with 40 changes: enough that two seeds draw different samples. */
async function fortyChanges() {
  const entries = Array.from({ length: 40 }, (_, i) => change(100 + i, i % 7 === 0 ? "emergency" : i % 3 ? "normal" : "standard"));
  return buildBundle({}, { repos: ["acme/web"], period: PERIOD, apiUrl: "https://api.github.com", entries: fromArray(entries) });
}

const rowsOf = (csv: string) => csv.split("\r\n").filter(Boolean).slice(1).map((l) => l.split(",").slice(0, 3).join(","));

describe("ims-bot sample", () => {
  it("draws the same rows twice with one seed, other rows with another seed, and prints seed and method", async () => {
    const b = await fortyChanges();
    const draw = async (seed: string) => {
      const out = tempDir();
      const t = io();
      expect(await runCli(["sample", b.out, "--population", "changes", "--size", "25", "--seed", seed, "--out", out], t.io), t.err.join("")).toBe(0);
      const text = t.out.join("");
      const csv = readFileSync(path.join(out, `bundle.sample-changes-${seed}.csv`), "utf8");
      const page = readFileSync(path.join(out, `bundle.sample-changes-${seed}.html`), "utf8");
      return { text, csv, page };
    };
    const a = await draw("audit-2026-q1");
    const again = await draw("audit-2026-q1");
    const other = await draw("another-seed");
    expect(rowsOf(a.csv)).toHaveLength(25);
    expect(rowsOf(again.csv)).toEqual(rowsOf(a.csv));
    expect(rowsOf(other.csv)).not.toEqual(rowsOf(a.csv));
    expect(a.text).toContain("25 of 40 records, seed audit-2026-q1");
    expect(a.text).toMatch(/method: .*SHA-256.*<seed>:<id>/);
    expect(a.page).toContain("seed <code>audit-2026-q1</code>");
    // the first row is the record with the smallest key, as the method says
    const ids = Array.from({ length: 40 }, (_, i) => `change/acme/web#${100 + i}`);
    const first = ids.sort((x, y) => (sampleKey("audit-2026-q1", x) < sampleKey("audit-2026-q1", y) ? -1 : 1))[0]!;
    expect(rowsOf(a.csv)[0]).toBe(`1,${first},${sampleKey("audit-2026-q1", first)}`);
  });

  it("the printed shell line redraws the same sample with sha256sum alone", async () => {
    const b = await fortyChanges();
    const t = io();
    const out = tempDir();
    expect(await runCli(["sample", b.out, "--population", "changes", "--size", "10", "--seed", "s'q 1", "--out", out], t.io)).toBe(0);
    const line = t.out.join("").split("\n").find((l) => l.startsWith("  for f in"))!.trim();
    const byHand = execFileSync("bash", ["-c", line], { cwd: b.out, encoding: "utf8" }).trim().split("\n").map((l) => l.split(" ")[1]);
    const csv = readFileSync(path.join(out, "bundle.sample-changes-s_q_1.csv"), "utf8");
    expect(byHand).toEqual(rowsOf(csv).map((r) => r.split(",")[1]));
  });

  it("refuses an unknown population, a missing seed and a second write over the same files", async () => {
    const b = await fortyChanges();
    const bad = io();
    expect(await runCli(["sample", b.out, "--population", "servers", "--seed", "x"], bad.io)).toBe(2);
    expect(bad.err.join("")).toMatch(/--population must be one of changes, incidents, problems, deployments/);
    const noSeed = io();
    expect(await runCli(["sample", b.out, "--population", "changes"], noSeed.io)).toBe(2);
    expect(noSeed.err.join("")).toMatch(/--seed is required/);
    const out = tempDir();
    expect(await runCli(["sample", b.out, "--population", "changes", "--seed", "x", "--out", out], io().io)).toBe(0);
    const twice = io();
    expect(await runCli(["sample", b.out, "--population", "changes", "--seed", "x", "--out", out], twice.io)).toBe(1);
    expect(twice.err.join("")).toMatch(/already exists/);
  });

  it("samples a zipped bundle the same as its folder", async () => {
    const b = await fortyChanges();
    const z = await buildBundle({ format: "zip" }, { repos: ["acme/web"], period: PERIOD, apiUrl: "https://api.github.com", entries: fromArray(Array.from({ length: 40 }, (_, i) => change(100 + i, i % 7 === 0 ? "emergency" : i % 3 ? "normal" : "standard"))) });
    const o1 = tempDir();
    const o2 = tempDir();
    expect(await runCli(["sample", b.out, "--population", "changes", "--size", "5", "--seed", "z", "--out", o1], io().io)).toBe(0);
    expect(await runCli(["sample", z.out, "--population", "changes", "--size", "5", "--seed", "z", "--out", o2], io().io)).toBe(0);
    expect(rowsOf(readFileSync(path.join(o2, "bundle.sample-changes-z.csv"), "utf8"))).toEqual(rowsOf(readFileSync(path.join(o1, "bundle.sample-changes-z.csv"), "utf8")));
  });
});
