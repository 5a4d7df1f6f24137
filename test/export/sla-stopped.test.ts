import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { runExport } from "../../src/evidence/export/run.js";
import type { Simulator } from "../../src/simulator/index.js";
import { options, REPO, seededSimulator, sink, tempOut } from "./fixture.js";

let sim: Simulator;
beforeEach(async () => {
  ({ sim } = await seededSimulator());
});
afterEach(async () => sim.stop());

it("does not count a response target as met when the record was closed before anyone responded", async () => {
  const n = sim.quietly(() => {
    sim.clock.set("2026-03-05T10:00:00Z");
    const i = sim.as("alice").openIssue(REPO, { title: "False alarm", body: "### Impact\n\nHigh\n\n### Urgency\n\nHigh\n\n### Affected service\n\nweb", labels: ["ims:incident", "priority:P1"] });
    sim.clock.advance(10 * 60_000);
    sim.as("alice").close(REPO, i.number);
    return i.number;
  });
  const out = tempOut();
  await runExport({ ...options(out, { apiUrl: sim.url }) }, { env: { GITHUB_TOKEN: sim.userToken("auditor") }, out: () => undefined, progress: sink(), sleep: async () => undefined, generatedAt: "2026-04-05T09:00:00.000Z" });
  const records = JSON.parse(readFileSync(path.join(out, "records/incidents.json"), "utf8")) as Array<{ number: number; sla: Array<{ clock: string; status: string }> }>;
  const rec = records.find((r) => r.number === n)!;
  expect(rec.sla.find((c) => c.clock === "respond")?.status).toBe("stopped");
  expect(rec.sla.find((c) => c.clock === "resolve")?.status).toBe("met");
  const index = JSON.parse(readFileSync(path.join(out, "controls/index.json"), "utf8")) as unknown;
  expect(JSON.stringify(index)).toContain(`sla-met/${REPO}#${n}/resolve`);
  expect(JSON.stringify(index)).not.toContain(`sla-met/${REPO}#${n}/respond`);
});
