import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { runExport } from "../../src/evidence/export/run.js";
import { card, form, REPO, botComments, useIncidentStack } from "../helpers/incident-stack.js";
import { options, REPO as EXPORT_REPO, seededSimulator, sink, tempOut } from "../export/fixture.js";

// GitHub keeps one label per name regardless of case ("Name has already been taken"), so a repository
// whose people created `IMS:Incident` before the app never gets an `ims:incident`: its incidents carry
// `IMS:Incident`, and adding `ims:incident` to an issue applies that label under its own spelling.
const LABEL = "IMS:Incident";

describe("an issue labelled IMS:Incident is an incident record everywhere", () => {
  let stack: Stack;
  useIncidentStack((s) => {
    stack = s;
    // the repository's people made the label before the app did (the stack seeds the app's spelling)
    s.sim.quietly(() => s.sim.as(s.sim.adminLogin).updateLabel(REPO, "ims:incident", { new_name: LABEL }));
  });

  it("gets the incident card and a priority when opened with the label, and when labelled later", async () => {
    const { sim } = stack;
    const opened = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: [LABEL] });
    await sim.settle();
    expect(sim.labels(REPO, opened.number)).toContain(LABEL);
    expect(card(stack, opened.number)).toContain("Classification");
    expect(sim.labels(REPO, opened.number)).toContain("priority:P1");
    // the SLA clock runs while the record carries the incident label, in whatever case
    expect(card(stack, opened.number)).toContain("**SLA**");
    expect(card(stack, opened.number)).not.toContain("no clock yet");

    const later = sim.as("alice").openIssue(REPO, { title: "Search slow", body: form("Medium", "Low") });
    await sim.settle();
    expect(card(stack, later.number)).toBe("");
    sim.as("tom").addLabels(REPO, later.number, [LABEL]);
    await sim.settle();
    expect(card(stack, later.number)).toContain("Classification");
    expect(sim.labels(REPO, later.number).some((l) => l.startsWith("priority:"))).toBe(true);
  });

  it("takes an incident command (/ims major)", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Payments outage", body: form("High", "Medium"), labels: [LABEL] });
    await sim.settle();
    sim.as("tom").comment(REPO, issue.number, "/ims major");
    await sim.settle();
    expect(botComments(stack, issue.number).at(-1)!.body).not.toContain("Nothing was changed");
    expect(sim.labels(REPO, issue.number)).toContain("major-incident");
  });
});

it("is exported as an incident with its SLA clocks", async () => {
  const { sim } = await seededSimulator();
  try {
    const n = sim.quietly(() => {
      sim.clock.set("2026-03-05T10:00:00Z");
      const i = sim.as("alice").openIssue(EXPORT_REPO, { title: "False alarm", body: "### Impact\n\nHigh\n\n### Urgency\n\nHigh\n\n### Affected service\n\nweb", labels: [LABEL, "priority:P1"] });
      sim.clock.advance(10 * 60_000);
      sim.as("alice").close(EXPORT_REPO, i.number);
      return i.number;
    });
    const out = tempOut();
    await runExport({ ...options(out, { apiUrl: sim.url }) }, { env: { GITHUB_TOKEN: sim.userToken("auditor") }, out: () => undefined, progress: sink(), sleep: async () => undefined, generatedAt: "2026-04-05T09:00:00.000Z" });
    const records = JSON.parse(readFileSync(path.join(out, "records/incidents.json"), "utf8")) as Array<{ number: number; sla: Array<{ clock: string; status: string }> }>;
    const rec = records.find((r) => r.number === n);
    expect(rec).toBeDefined();
    expect(rec!.sla.find((c) => c.clock === "resolve")?.status).toBe("met");
  } finally {
    await sim.stop();
  }
});
