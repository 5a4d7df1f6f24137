import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { globFolder } from "../../src/evidence/export/direct-pushes.js";
import { runExport } from "../../src/evidence/export/run.js";
import type { Simulator } from "../../src/simulator/index.js";
import { options, REPO, seededSimulator, sink, tempOut } from "./fixture.js";

let sim: Simulator;
beforeEach(async () => {
  ({ sim } = await seededSimulator());
});
afterEach(async () => sim.stop());

const exportTo = (out: string) =>
  runExport({ ...options(out, { apiUrl: sim.url }) }, { env: { GITHUB_TOKEN: sim.userToken("auditor") }, out: () => undefined, progress: sink(), sleep: async () => undefined, generatedAt: "2026-04-05T09:00:00.000Z" });
const exceptions = (out: string) => JSON.parse(readFileSync(path.join(out, "exceptions.json"), "utf8")) as { exceptions: Array<{ kind: string; commit?: { sha: string }; file: string; summary: string }> };

describe("direct pushes to the default branch (GraphQL history of the default branch ref)", () => {
  it("lists a push that changed .github/ims.yml, not one that changed other files, nor commits merged pull requests brought", async () => {
    sim.clock.set("2026-03-20T10:00:00Z");
    const [cfg] = sim.as("mallory").push(REPO, "main", [{ message: "Relax the gate", files: { ".github/ims.yml": "change:\n  allPullRequests: false\n" } }]);
    sim.clock.advance(60_000);
    const [docs] = sim.as("mallory").push(REPO, "main", [{ message: "Typo in docs", files: { "docs/readme.md": "hello\n" } }]);
    const out = tempOut();
    await exportTo(out);
    const pushes = exceptions(out).exceptions.filter((e) => e.kind === "direct-push");
    expect(pushes.map((e) => e.commit?.sha)).toEqual([cfg!.sha]);
    expect(pushes[0]!.summary).toMatch(/"Relax the gate" by mallory reached the default branch without a merged pull request and touched \.github\/ims\.yml/);
    expect(pushes.some((e) => e.commit?.sha === docs!.sha)).toBe(false);
    // the exception links to the raw API response it was read from, which the bundle holds
    expect(readFileSync(path.join(out, pushes[0]!.file), "utf8")).toContain(cfg!.sha);
    // and the report lists it first, linking to the commit on GitHub
    expect(readFileSync(path.join(out, "report.html"), "utf8")).toContain(`/acme/web/commit/${cfg!.sha}`);
  });

  it("reads only the branch's history when every commit came through a pull request, and the narrowed histories when one did not", async () => {
    const historyFiles = (out: string) => readdirSync(path.join(out, "raw")).filter((f) => f.includes("history-"));
    const clean = tempOut();
    await exportTo(clean);
    expect(exceptions(clean).exceptions.filter((e) => e.kind === "direct-push")).toEqual([]);
    expect(historyFiles(clean)).toHaveLength(1);
    expect(historyFiles(clean)[0]).toMatch(/history-all-1/);
    sim.clock.set("2026-03-20T10:00:00Z");
    sim.as("mallory").push(REPO, "main", [{ message: "Hotfix", files: { "docs/x.md": "x\n" } }]);
    const pushed = tempOut();
    await exportTo(pushed);
    // one more read per watched path: .github/ims.yml and each change path's folder
    expect(historyFiles(pushed).length).toBeGreaterThan(1);
    expect(exceptions(pushed).exceptions.filter((e) => e.kind === "direct-push")).toEqual([]);
  });

  it("narrows a change path to the folder GitHub's history(path:) can filter on", () => {
    expect(globFolder("src/**")).toBe("src");
    expect(globFolder("infra/*.tf")).toBe("infra");
    expect(globFolder("**/*.tf")).toBe("");
    expect(globFolder("Dockerfile")).toBe("Dockerfile");
  });
});
