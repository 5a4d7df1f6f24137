import { describe, expect, it } from "vitest";
import { alertKey, alertKeyIn, alertLowering, alertMarker, decideAlert, parseAlertKey } from "../../src/alerts/decide.js";
import { dependabotFacts, secretScanningFacts, type AlertFacts } from "../../src/alerts/facts.js";
import { ignoredSeverityLabel, slaFor } from "../../src/alerts/remediation.js";
import { defaultConfig } from "../../src/config/defaults.js";

const config = defaultConfig();
const dep = (over: Partial<AlertFacts> = {}): AlertFacts => ({
  source: "dependabot", number: 4, severity: "critical", summary: "GHSA-x in lodash", url: "https://github.com/acme/web/security/dependabot/4",
  state: "open", dismissedBy: null, reason: null, comment: null, exposed: false, package: "npm/lodash", ...over,
});

describe("an alert's record (pure)", () => {
  it("keeps a grouped record open while another alert of its package and severity is open, and closes it when none is", () => {
    const grouped = { ...config, alerts: { ...config.alerts, group: true } };
    const open = { number: 1, state: "open" as const, labels: [] };
    expect(decideAlert(dep({ state: "fixed" }), open, grouped, "acme/security", [4, 7]).state).toBe("open");
    expect(decideAlert(dep({ state: "fixed" }), open, grouped, "acme/security", [4]).state).toBe("closed");
    // ungrouped: each alert has its own record, the others do not hold it open
    expect(decideAlert(dep({ state: "fixed" }), open, config, "acme/security", [7]).state).toBe("closed");
  });

  it("maps severity to impact and urgency through alerts.severity, and keeps a person's impact", () => {
    expect(decideAlert(dep(), null, config, "acme/security").labels).toEqual(expect.arrayContaining(["impact:high", "urgency:high", "alert-severity:critical"]));
    const kept = decideAlert(dep(), { number: 1, state: "open", labels: ["impact:low", "urgency:low"] }, config, "acme/security");
    expect(kept.labels.filter((l) => l.startsWith("impact:") || l.startsWith("urgency:"))).toEqual([]);
  });

  it("keeps a record open for the security team when a dismissal gives no reason, and closes with one", () => {
    const none = decideAlert(dep({ state: "dismissed", dismissedBy: "bob" }), { number: 1, state: "open", labels: [] }, config, "acme/security");
    expect(none.state).toBe("open");
    expect(none.note).toContain("@acme/security");
    const given = decideAlert(dep({ state: "dismissed", dismissedBy: "bob", reason: "no_bandwidth", comment: "upstream has no fix; tracked in #12" }), { number: 1, state: "open", labels: [] }, config, "acme/security");
    expect(given.state).toBe("closed");
  });

  it("keeps a person's dismissal open without a written justification (GitHub's reason is a fixed choice), unless alerts.requireJustification is off; a rule's auto-dismissal needs none", () => {
    const open = { number: 1, state: "open" as const, labels: [] };
    const bare = decideAlert(dep({ state: "dismissed", dismissedBy: "bob", reason: "tolerable_risk", comment: "  " }), open, config, "acme/security");
    expect(bare.state).toBe("open");
    expect(bare.labels).toContain("needs-security-review");
    expect(bare.note).toMatch(/as tolerable\\_risk \*\*without a written justification\*\*.*@acme\/security/);
    expect(bare.body).toContain("without a written justification: open for @acme/security");
    const lenient = { ...config, alerts: { ...config.alerts, requireJustification: false } };
    expect(decideAlert(dep({ state: "dismissed", dismissedBy: "bob", reason: "tolerable_risk" }), open, lenient, "acme/security").state).toBe("closed");
    const auto = dependabotFacts({ number: 4, state: "auto_dismissed", security_vulnerability: { severity: "low" } });
    expect(decideAlert(auto, open, config, "acme/security").state).toBe("closed");
  });

  it("groups Dependabot alerts by package and severity only with alerts.group", () => {
    expect(alertKey(dep(), config)).toBe("dependabot:4");
    expect(alertKey(dep(), { ...config, alerts: { ...config.alerts, group: true } })).toBe("dependabot:npm/lodash:critical");
  });

  it("reads GitHub's moderate as medium, a validated active secret as confidentiality impact", () => {
    expect(dependabotFacts({ number: 1, state: "open", security_vulnerability: { severity: "moderate" } }).severity).toBe("medium");
    expect(secretScanningFacts({ number: 1, state: "open", validity: "active" }, "validated").exposed).toBe(true);
    expect(secretScanningFacts({ number: 1, state: "resolved", resolution: "revoked" }).state).toBe("fixed");
  });

  it("gives the app's own alert record its alert's severity's remediation target as the resolve target, other records keep sla.targets", () => {
    expect(slaFor({ labels: ["alert-severity:critical"], alertSeverity: "critical" }, config).targets.P1.resolve).toBe("7d");
    expect(slaFor({ labels: ["ims:incident"], alertSeverity: "critical" }, config).targets.P1.resolve).toBe("7d");
    // the severity the app wrote, not a label a person swapped in
    expect(slaFor({ labels: ["ims:incident", "alert-severity:low"], alertSeverity: "critical" }, config).targets.P1.resolve).toBe("7d");
    expect(ignoredSeverityLabel({ labels: ["ims:incident", "alert-severity:low"], alertSeverity: "critical" })).toBe("alert-severity:low");
    expect(ignoredSeverityLabel({ labels: ["ims:incident", "alert-severity:critical"], alertSeverity: "critical" })).toBeNull();
    // a person's label on any other record is not an alert's severity
    expect(slaFor({ labels: ["ims:incident", "alert-severity:low"], alertSeverity: null }, config)).toBe(config.sla);
    expect(slaFor({ labels: ["ims:incident"], alertSeverity: "unknown" }, config)).toBe(config.sla);
  });
});

describe("what lowers an alert record's priority, and what its marker names (pure)", () => {
  const p1 = ["ims:incident", "security:event", "impact:high", "urgency:high", "priority:P1"];
  it("removing an axis or lowering it under the conflict rule lowers; a label the most severe outranks, or a raise, does not", () => {
    expect(alertLowering(p1.filter((l) => l !== "impact:high"), { action: "unlabeled", label: "impact:high" }, config)?.why).toContain("(P1)");
    expect(alertLowering(["impact:high", "urgency:low"], { action: "unlabeled", label: "urgency:high" }, config)?.why).toContain("from P1 to P3");
    // the most severe label wins (classification.conflict: highest): adding urgency:low changes nothing
    expect(alertLowering([...p1, "urgency:low"], { action: "labeled", label: "urgency:low" }, config)).toBeNull();
    expect(alertLowering(["impact:high", "urgency:high", "urgency:low"], { action: "unlabeled", label: "urgency:low" }, config)).toBeNull();
    expect(alertLowering(p1, { action: "labeled", label: "security:event" }, config)).toBeNull();
    const lowest = { ...config, classification: { ...config.classification, conflict: "lowest" as const } };
    expect(alertLowering([...p1, "urgency:low"], { action: "labeled", label: "urgency:low" }, lowest)?.undo).toEqual({ add: [], remove: ["urgency:low"] });
  });

  it("reads a marker back to the alert or group it names, and nothing from a malformed one", () => {
    expect(parseAlertKey(alertKeyIn(`x\n${alertMarker("code-scanning:12")}`)!)).toEqual({ source: "code-scanning", number: 12 });
    expect(parseAlertKey(alertKeyIn(alertMarker("dependabot:npm/@babel/core:high"))!)).toEqual({ source: "dependabot", package: "npm/@babel/core", severity: "high" });
    expect(alertKeyIn("<!-- ims-alert %E0%A4%A -->")).toBeNull();
    expect(parseAlertKey("dependabot:npm/x:secret")).toBeNull();
  });
});
