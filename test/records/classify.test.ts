import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/defaults.js";
import { classify, raise } from "../../src/records/classify.js";

const config = defaultConfig();
const form = (impact: string, urgency: string, ticks: string[] = []) =>
  [
    "### Impact", "", impact, "",
    "### Urgency", "", urgency, "",
    "### Affected service", "", "payments-api", "",
    "### Security impact", "",
    ...["Confidentiality", "Integrity", "Availability", "Personal data involved"].map((t) => `- [${ticks.includes(t) ? "X" : " "}] ${t}`),
  ].join("\n");

describe("integrated classification (impact x urgency -> priority, plus CIA)", () => {
  it.each([
    ["High", "High", "P1"], ["High", "Medium", "P2"], ["Medium", "High", "P2"],
    ["High", "Low", "P3"], ["Medium", "Medium", "P3"], ["Low", "High", "P3"],
    ["Medium", "Low", "P4"], ["Low", "Medium", "P4"], ["Low", "Low", "P4"],
  ])("impact %s x urgency %s gives %s with the default matrix", (i, u, p) => {
    const c = classify({ labels: ["ims:incident"], body: form(i, u) }, config);
    expect(c.priority).toBe(p);
    expect(c.labels.add).toEqual([`priority:${p}`]);
  });

  it("lets a label set by a person win over the form answer", () => {
    const c = classify({ labels: ["ims:incident", "impact:low"], body: form("High", "High") }, config);
    expect(c.impact).toBe("low");
    expect(c.priority).toBe("P3");
  });

  it("marks missing answers needs-triage and names exactly what is missing, never guessing a priority", () => {
    const c = classify({ labels: ["ims:incident"], body: form("High", "_No response_") }, config);
    expect(c.priority).toBeNull();
    expect(c.missing).toEqual(["Urgency"]);
    expect(c.labels.add).toEqual(["needs-triage"]);
  });

  it("removes needs-triage once the answer arrives", () => {
    const c = classify({ labels: ["ims:incident", "needs-triage", "urgency:low"], body: form("High", "_No response_") }, config);
    expect(c.labels).toEqual({ add: ["priority:P3"], remove: ["needs-triage"] });
  });

  it("keeps exactly one priority label: a person's conflicting priority label is removed and the card says why and who", () => {
    const c = classify(
      { labels: ["ims:incident", "priority:P3", "priority:P1"], body: form("Medium", "Medium"), labelEvent: { action: "labeled", name: "priority:P1", sender: "bob" } },
      config,
    );
    expect(c.labels.remove).toEqual(["priority:P1"]);
    expect(c.labels.add).toEqual([]);
    expect(c.adjustments.join(" ")).toContain("Removed `priority:P1` set by @\u200bbob");
  });

  it("resolves two impact labels by the documented rule (the most severe wins) and removes the other", () => {
    const c = classify({ labels: ["ims:incident", "impact:low", "impact:high", "urgency:high"], body: null }, config);
    expect(c.impact).toBe("high");
    expect(c.labels.remove).toEqual(["impact:low"]);
    expect(c.adjustments[0]).toContain("kept `impact:high`");
  });

  it("turns ticked CIA boxes into cia: labels", () => {
    const c = classify({ labels: ["ims:incident"], body: form("Low", "Low", ["Integrity", "Availability"]) }, config);
    expect(c.cia).toEqual(["integrity", "availability"]);
    expect(c.labels.add.sort()).toEqual(["cia:availability", "cia:integrity", "priority:P4"]);
  });

  it("raises a confirmed security incident with confidentiality impact on personal data one level", () => {
    const body = form("Medium", "Medium", ["Confidentiality", "Personal data involved"]);
    const c = classify({ labels: ["ims:incident", "security:incident", "cia:confidentiality"], body }, config);
    expect(c.basePriority).toBe("P3");
    expect(c.priority).toBe("P2");
    const event = classify({ labels: ["ims:incident", "security:event", "cia:confidentiality"], body }, config);
    expect(event.priority).toBe("P3");
  });

  it("requires CIA impact on a confirmed security incident (needs-triage until one is set) but keeps its priority", () => {
    const c = classify({ labels: ["ims:incident", "security:incident", "priority:P2"], body: form("High", "Medium") }, config);
    expect(c.priority).toBe("P2");
    expect(c.labels.add).toEqual(["needs-triage"]);
    expect(c.missing[0]).toContain("Security impact");
  });

  it("honours a configured matrix", () => {
    const custom = defaultConfig();
    custom.classification.matrix.low.low = "P3";
    expect(classify({ labels: ["ims:incident"], body: form("Low", "Low") }, custom).priority).toBe("P3");
  });

  it("never raises above P1", () => {
    expect(raise("P1", 1)).toBe("P1");
    expect(raise("P4", 2)).toBe("P2");
  });

  it("escapes hostile text from the form in the explanation", () => {
    const c = classify({ labels: ["ims:incident"], body: form("<img src=x onerror=alert(1)> @everyone", "High") }, config);
    const text = JSON.stringify(c.explanation);
    expect(text).not.toContain("<img");
    expect(text).not.toContain("@everyone");
  });
});
