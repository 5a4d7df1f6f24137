import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/defaults.js";
import { resolveConfig } from "../../src/config/resolve.js";
import { linkMarker, linksOf } from "../../src/problems/links.js";
import { detectTrend } from "../../src/problems/trend.js";
import { decideProblem } from "../../src/problems/decide.js";
import { mayBeDue } from "../../src/sweep/select.js";

const NOW = new Date("2026-03-09T12:00:00Z");
const cfg = defaultConfig();

describe("sweep selection from search data alone", () => {
  const item = (labels: string[], minutesAgo: number) => ({ number: 1, labels, createdAt: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString() });
  it("skips records without a clock, paused ones, young ones and final ones; reads the rest", () => {
    expect(mayBeDue(item(["ims:incident"], 600), cfg, NOW).due).toBe(false);
    expect(mayBeDue(item(["ims:incident", "priority:P1", "status:waiting"], 600), cfg, NOW).due).toBe(false);
    expect(mayBeDue(item(["ims:incident", "priority:P1"], 11), cfg, NOW)).toEqual({ due: false, reason: "cannot be at risk before 2026-03-09T12:00:15.000Z" });
    expect(mayBeDue(item(["ims:incident", "priority:P1"], 12), cfg, NOW).due).toBe(true);
    expect(mayBeDue(item(["ims:incident", "priority:P1", "sla:breached", "escalation:functional", "escalation:hierarchical"], 600), cfg, NOW).due).toBe(false);
    expect(mayBeDue(item(["ims:incident", "priority:P1", "sla:breached", "escalation:functional"], 600), cfg, NOW).due).toBe(true);
    expect(mayBeDue(item(["ims:incident", "priority:P3", "sla:breached", "escalation:functional"], 6000), cfg, NOW).due).toBe(false);
    expect(mayBeDue(item(["ims:incident", "priority:P1", "sla:at-risk", "escalation:functional"], 14), cfg, NOW).due).toBe(false);
  });
  it("trusts what this process left when the record looks unchanged", () => {
    const old = item(["ims:incident", "priority:P1"], 600);
    expect(mayBeDue(old, cfg, NOW, { next: NOW.getTime() + 1 }).due).toBe(false);
    expect(mayBeDue(old, cfg, NOW, { next: NOW.getTime() }).due).toBe(true);
    expect(mayBeDue(old, cfg, NOW, { next: null }).due).toBe(false);
  });
  it("counts only business time on a business calendar (a P3 opened Friday evening is not at risk on Sunday)", () => {
    const sunday = new Date("2026-03-08T20:00:00Z");
    expect(mayBeDue({ number: 1, labels: ["ims:incident", "priority:P3"], createdAt: "2026-03-06T16:00:00Z" }, cfg, sunday).due).toBe(false);
  });
});

describe("trend detection", () => {
  const inc = (number: number, service: string, day: number) => ({ number, service, createdAt: `2026-03-0${day}T10:00:00Z` });
  const t = cfg.problems.trend;
  it("opens a problem for three incidents on one service within seven days, services compared without case", () => {
    const d = detectTrend("payments-api", [inc(1, "payments-api", 3), inc(2, " Payments-API", 5), inc(3, "payments-api", 8), inc(4, "search", 8)], [], t, NOW);
    expect(d).toMatchObject({ open: true, incidents: [1, 2, 3] });
  });
  it("does not open one outside the window, below the count, or when an open problem covers the service", () => {
    expect(detectTrend("payments-api", [inc(1, "payments-api", 1), inc(2, "payments-api", 5), inc(3, "payments-api", 8)], [], t, NOW).open).toBe(false);
    expect(detectTrend("payments-api", [inc(2, "payments-api", 5), inc(3, "payments-api", 8)], [], t, NOW).open).toBe(false);
    expect(detectTrend("payments-api", [inc(1, "payments-api", 3), inc(2, "payments-api", 5), inc(3, "payments-api", 8)], [{ number: 9, service: "Payments-api" }], t, NOW)).toMatchObject({ open: false, coveredBy: 9 });
    expect(detectTrend(null, [], [], t, NOW).open).toBe(false);
  });
});

describe("links and problem decisions", () => {
  it("derives links from the app's markers, deduplicated", () => {
    const text = [linkMarker("problem", 7, "cmd-1"), linkMarker("problem", 7), linkMarker("review", 9), linkMarker("incident", 3, "trend")].join("\n");
    expect(linksOf(text)).toEqual({ problems: [7], reviews: [9], incidents: [3], changes: [], risks: [] });
  });
  const base = { owner: "o", repo: "r", number: 5, title: "P", labels: ["ims:problem"], state: "open" as const, stateReason: null, closedAt: null, ownText: "", delivery: null };
  it("reopens a problem closed as completed without a root cause, but not one closed as not planned", () => {
    const closed = { ...base, body: "### Root cause\n\n_No response_", state: "closed" as const, stateReason: "completed", closedAt: "2026-03-09T10:00:00Z" };
    expect(decideProblem(closed, cfg, NOW).plan.state).toEqual({ state: "open" });
    expect(decideProblem({ ...closed, stateReason: "not_planned" }, cfg, NOW).plan.state).toBeUndefined();
  });
  it("marks a known error when root cause and workaround are both recorded, and keeps the related incidents on the card", () => {
    const d = decideProblem({ ...base, body: "### Root cause\n\nDisk\n\n### Workaround\n\nRestart", ownText: linkMarker("incident", 2) + linkMarker("incident", 1) }, cfg, NOW);
    expect(d.plan.labels.add).toEqual(["known-error"]);
    expect(d.plan.card?.sections[0]?.body).toBe("- #1\n- #2");
    expect(decideProblem({ ...base, body: "### Root cause\n\nDisk" }, cfg, NOW).plan.labels.add).toEqual([]);
  });
});

describe("config cross-checks (src/sla/check.ts wired into resolve)", () => {
  it("reports reversed working hours and duplicate escalation level names like other config errors", () => {
    const r = resolveConfig({
      sla: { calendars: { business: { timeZone: "UTC", hours: { start: "17:00", end: "09:00" } } } },
      escalation: { levels: [{ name: "x", kind: "functional", when: "at-risk", priorities: ["P1"], team: "a" }, { name: "x", kind: "hierarchical", when: "breached", priorities: ["P1"], team: "b" }] },
    });
    expect(r.source).toBe("fallback");
    expect(r.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["sla.calendars.business.hours", "escalation.levels[1].name"]));
  });
});
