import { afterEach, beforeEach, expect, it } from "vitest";
import { runExport } from "../../src/evidence/export/run.js";
import type { Simulator } from "../../src/simulator/index.js";
import { options, seededSimulator, sink, tempOut } from "./fixture.js";

let sim: Simulator;
beforeEach(async () => {
  ({ sim } = await seededSimulator());
});
afterEach(async () => sim.stop());

it("--org reads every repository of the owner", async () => {
  const out = tempOut();
  const r = await runExport({ ...options(out, { apiUrl: sim.url, repos: [], org: "acme", noOrgConfig: true }) }, { env: { GITHUB_TOKEN: sim.userToken("auditor") }, out: () => undefined, progress: sink(), sleep: async () => undefined, generatedAt: "2026-04-05T09:00:00.000Z" });
  expect([...r.manifest.repos].sort()).toEqual(["acme/api", "acme/web"]);
  expect(r.manifest.counts).toMatchObject({ incidents: 1, problems: 1, changes: 1 });
});
