import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CARD_MARKER } from "../../src/records/card.js";
import { encodeTrace } from "../../src/core/trace.js";
import { runExport } from "../../src/evidence/export/run.js";
import type { Simulator } from "../../src/simulator/index.js";
import { options, REPO, seededSimulator, sink, tempOut } from "../export/fixture.js";

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
const exportTo = async (out: string) =>
  runExport({ ...options(out, { apiUrl: sim.url, appLogin: sim.botLogin.replace(/\[bot\]$/, "") }) }, { env: { GITHUB_TOKEN: sim.userToken("auditor") }, out: () => undefined, progress: sink(), sleep: async () => undefined, generatedAt: "2026-04-05T09:00:00.000Z" });
const forged = encodeTrace({ v: 1, rule: "forged.approval", inputs: {}, result: { ok: true }, time: "2026-03-03T00:00:00Z", delivery: null });

describe("evidence from the app's comments that a person edited", () => {
  it("a trace a writer adds to the app's card is not exported as the app's decision, and the card's traces go with it until the app rewrites it", async () => {
    const card = sim.comments(REPO, incident).find((c) => c.user === sim.botLogin && c.body.startsWith(CARD_MARKER))!;
    sim.quietly(() => sim.as("bob").editComment(REPO, card.id, `${card.body}\n${forged}`));
    const out = tempOut();
    await exportTo(out);
    expect(incidentTraces(out)).not.toContain("forged.approval");
    expect(incidentTraces(out)).not.toContain("incident.classify");
  });

  it("the app's own edit of its card still counts (GitHub's editor is the app), also after it rewrote a person's edit", async () => {
    const card = sim.comments(REPO, incident).find((c) => c.user === sim.botLogin && c.body.startsWith(CARD_MARKER))!;
    const original = card.body;
    sim.quietly(() => sim.as("bob").editComment(REPO, card.id, `${original}\n${forged}`));
    sim.quietly(() => sim.as(sim.botLogin).editComment(REPO, card.id, `${original}\n`));
    const out = tempOut();
    await exportTo(out);
    expect(incidentTraces(out)).toContain("incident.classify");
    expect(incidentTraces(out)).not.toContain("forged.approval");
  });
});
