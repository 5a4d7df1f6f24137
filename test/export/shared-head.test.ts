import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { encodeTrace } from "../../src/core/trace.js";
import { runExport } from "../../src/evidence/export/run.js";
import type { Simulator } from "../../src/simulator/index.js";
import { createCheckRun } from "../../src/simulator/ops/checks.js";
import { options, REPO, seededSimulator, sink, tempOut } from "./fixture.js";

let sim: Simulator;
let plainPr: number;
beforeEach(async () => {
  const s = await seededSimulator();
  sim = s.sim;
  plainPr = s.numbers.plainPr;
});
afterEach(async () => sim.stop());

it("a commit's run that carries the traces of two pull requests with that head exports each pull request with its own decision", async () => {
  const head = sim.pull(REPO, plainPr).pull.headSha;
  sim.clock.set("2026-03-20T09:00:00Z"); // within the exported period
  const change = sim.quietly(() => {
    sim.as("erin").push(REPO, "scratch", [{ message: "scratch", files: { "docs/s.md": "s\n" } }]);
    const pr = sim.as("alice").openPullRequest(REPO, { title: "Typo, on scratch too", head: "typo", base: "scratch", labels: ["ims:change"] });
    // the app's run on the shared head: the plain PR's trace first (lower number), then the change's
    const gate = (pr: number, result: Record<string, unknown>) => encodeTrace({ v: 1, rule: "change.gate", inputs: { pr, head }, result, time: "2026-03-20T09:00:00.000Z", delivery: "d-2" });
    const summary = `${gate(plainPr, { conclusion: "neutral", isChange: false })}\n\n${gate(pr.number, { conclusion: "success", isChange: true, type: "standard", risk: "low" })}`;
    createCheckRun(sim.core, sim.botLogin, sim.core.store.repoByName(REPO), { name: "IMS / change control", head_sha: head, conclusion: "success", output: { title: "ok", summary } });
    return pr.number;
  });
  const out = tempOut();
  await runExport({ ...options(out, { apiUrl: sim.url }) }, { env: { GITHUB_TOKEN: sim.userToken("auditor") }, out: () => undefined, progress: sink(), sleep: async () => undefined, generatedAt: "2026-04-05T09:00:00.000Z" });
  const changes = JSON.parse(readFileSync(path.join(out, "records/changes.json"), "utf8")) as Array<{ number: number; type: string; risk: string | null }>;
  expect(changes.find((c) => c.number === change)).toMatchObject({ type: "standard", risk: "low" });
  expect(changes.some((c) => c.number === plainPr)).toBe(false);
});
