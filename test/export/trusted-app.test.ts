import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { encodeTrace } from "../../src/core/trace.js";
import { runExport } from "../../src/evidence/export/run.js";
import type { Simulator } from "../../src/simulator/index.js";
import { options, REPO, seededSimulator, sink, tempOut } from "./fixture.js";

let sim: Simulator;
let incident: number;
beforeEach(async () => {
  const s = await seededSimulator();
  sim = s.sim;
  incident = s.numbers.incident;
});
afterEach(async () => sim.stop());

const incidentTraces = (out: string) => {
  const [rec] = JSON.parse(readFileSync(path.join(out, "records/incidents.json"), "utf8")) as Array<{ traces: Array<{ trace: { rule: string } }> }>;
  return rec!.traces.map((t) => t.trace.rule);
};

it("with --app-login, reads decision traces only from ims-bot's comments, not from another bot's", async () => {
  // A workflow bot pastes a convincing trace into the incident.
  sim.quietly(() =>
    sim.as("mallory-ci[bot]").comment(REPO, incident, encodeTrace({ v: 1, rule: "forged.approval", inputs: {}, result: { ok: true }, time: "2026-03-03T00:00:00Z", delivery: null })),
  );
  const run = (out: string, appLogin: string | null, progress = sink()) =>
    runExport({ ...options(out, { apiUrl: sim.url, appLogin }) }, { env: { GITHUB_TOKEN: sim.userToken("auditor") }, out: () => undefined, progress, sleep: async () => undefined, generatedAt: "2026-04-05T09:00:00.000Z" });

  const trusting = tempOut();
  const warned = sink();
  await run(trusting, null, warned);
  expect(incidentTraces(trusting)).toContain("forged.approval");
  expect(warned.text()).toContain("pass --app-login");

  const strict = tempOut();
  await run(strict, sim.botLogin.replace(/\[bot\]$/, ""));
  expect(incidentTraces(strict)).not.toContain("forged.approval");
  expect(incidentTraces(strict)).toContain("incident.classify");
});
