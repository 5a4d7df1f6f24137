import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { incidentForm } from "../../src/demo/forms.js";
import type { Simulator } from "../../src/simulator/index.js";
import { useSimulator, type setup } from "./helpers.js";

let sim: Simulator;
let receiver: Awaited<ReturnType<typeof setup>>["receiver"];
useSimulator((s) => ({ sim, receiver } = s));

const FORM = readFileSync(new URL("../../templates/ISSUE_TEMPLATE/security-event.yml", import.meta.url), "utf8");
const body = incidentForm({ impact: "High", urgency: "High", service: "checkout", what: "Leaked key" });

// GitHub applies an issue form's `labels:` only when they exist in the repository: in a new
// repository the form's ims:incident is dropped and the app never sees a record.
describe("issue forms apply only labels that exist", () => {
  it("drops a form's labels that the repository does not have, and labels nothing new", async () => {
    sim.as("org-admin").putFile("acme/web", ".github/ISSUE_TEMPLATE/security-event.yml", FORM);
    const issue = sim.as("alice").fileForm("acme/web", "security-event.yml", { title: "API key in a log", body });
    await sim.settle();
    expect(issue.labels).toEqual([]);
    expect(sim.labels("acme/web")).toEqual([]);
    expect(receiver.received.filter((r) => r.event === "issues").map((r) => r.payload.action)).toEqual(["opened"]);
  });

  it("applies the form's labels that exist, with its title prefix, and drops the rest", async () => {
    sim.as("org-admin").putFile("acme/web", ".github/ISSUE_TEMPLATE/security-event.yml", FORM);
    sim.as("org-admin").createLabel("acme/web", { name: "ims:incident" });
    const issue = sim.as("alice").fileForm("acme/web", "security-event.yml", { title: "API key in a log", body });
    expect(issue.labels).toEqual(["ims:incident"]);
    expect(issue.title).toMatch(/API key in a log$/);
    expect(sim.labels("acme/web")).toEqual(["ims:incident"]);
  });

  it("a person opening an issue by hand can pick only existing labels too", () => {
    const issue = sim.as("alice").openIssue("acme/web", { title: "x", labels: ["ims:incident"] });
    expect(issue.labels).toEqual([]);
  });
});
