import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/defaults.js";
import { reviewMarker } from "../../src/change/review-record.js";
import type { DashboardFacts, ListedRecord } from "../../src/dashboard/facts.js";
import { ISSUE_BODY_MAX, hashOf, renderBody, renderContent } from "../../src/dashboard/render.js";
import { dashboardView } from "../../src/dashboard/sections.js";

const NOW = new Date("2026-03-02T12:00:00Z");
const rec = (number: number, labels: string[], patch: Partial<ListedRecord> = {}): ListedRecord => ({ number, title: `Record ${number}`, labels, createdAt: "2026-03-02T09:00:00Z", body: null, openedByBot: false, ...patch });
const facts = (patch: Partial<DashboardFacts> = {}): DashboardFacts => ({ repo: "acme/web", records: [], changes: [], changesNotRead: 0, configErrors: [], missingTeams: [], missingPermissions: [], ...patch });

describe("the dashboard's content", () => {
  it("lists incidents most urgent first: by priority, breached before on track, records without a priority last", () => {
    const v = dashboardView(facts({ records: [rec(1, ["ims:incident", "priority:P3"]), rec(2, ["ims:incident"]), rec(3, ["ims:incident", "priority:P1"]), rec(4, ["IMS:Incident", "priority:P3", "sla:breached"])] }), defaultConfig(), NOW);
    expect(v.incidents.map((i) => [i.number, i.priority, i.sla])).toEqual([[3, "P1", "on track"], [4, "P3", "breached"], [1, "P3", "on track"], [2, null, "no priority yet"]]);
  });

  it("shows a person's title as text: no mention, no HTML, no table break", () => {
    const body = renderContent(dashboardView(facts({ records: [rec(1, ["ims:incident", "priority:P2"], { title: "@acme/everyone <img src=x> | broken" })] }), defaultConfig(), NOW));
    expect(body).toContain("@\u200bacme/everyone &lt;img src=x&gt; \\| broken");
    expect(body).not.toContain("<img");
  });

  it("marks a review record the app opened as overdue past its due date, ignores a due date a person wrote, and knows when time alone changes the view", () => {
    const due = (n: number, at: string) => `${reviewMarker({ repo: "acme/web", number: n }, new Date(at))}\nReview.`;
    const records = [
      rec(5, ["ims:post-incident-review"], { body: due(1, "2026-03-01T12:00:00Z"), openedByBot: true }),
      rec(6, ["ims:post-incident-review"], { body: due(2, "2026-03-05T12:00:00Z"), openedByBot: true }),
      rec(7, ["ims:post-incident-review"], { body: due(3, "2026-03-01T12:00:00Z"), openedByBot: false }),
    ];
    const v = dashboardView(facts({ records }), defaultConfig(), NOW);
    expect(v.reviews.map((r) => [r.number, r.overdue])).toEqual([[5, true], [6, false]]);
    expect(v.nextChange?.toISOString()).toBe("2026-03-05T12:00:00.001Z");
  });

  it("says what a change waits for, in its check's words, and leaves off pull requests that are no change", () => {
    const v = dashboardView(
      facts({ changes: [
        { number: 8, title: "Rotate", run: { status: "completed", conclusion: "action_required", title: "Normal change waiting for: security review" } },
        { number: 9, title: "Docs", run: { status: "completed", conclusion: "neutral", title: "Not a change" } },
        { number: 10, title: "New", run: null },
      ] }),
      defaultConfig(),
      NOW,
    );
    expect(v.changes.map((c) => [c.number, c.waitsFor])).toEqual([[8, "Normal change waiting for: security review"], [10, "its first evaluation by the app"]]);
  });

  it("carries the hash of its content, the same for the same content, and stays within GitHub's body limit", () => {
    const a = renderBody("same");
    expect(hashOf(a.body)).toBe(a.hash);
    expect(renderBody("same").hash).toBe(a.hash);
    expect(renderBody("other").hash).not.toBe(a.hash);
    const long = renderBody("x".repeat(ISSUE_BODY_MAX * 2));
    expect(long.body.length).toBeLessThanOrEqual(ISSUE_BODY_MAX);
    expect(long.body).toContain("(cut: the dashboard is longer than GitHub allows an issue body)");
  });
});

describe("the dashboard's security alerts section (issue 13)", () => {
  it("says the feature is off by config, off for the sources the app cannot read, or on", () => {
    const config = defaultConfig();
    const text = (alerts: DashboardFacts["alerts"]) => renderContent(dashboardView(facts(alerts ? { alerts } : {}), config, new Date("2026-03-01T00:00:00Z")));
    expect(text({ enabled: false, unreadable: [] })).toContain("The alerts feature is **off**: `alerts.enabled` is false");
    const some = text({ enabled: true, unreadable: ["secret-scanning"] });
    expect(some).toContain("## Security alerts: off for some sources (1)");
    expect(some).toContain("`secret_scanning_alerts: read`");
    expect(text({ enabled: true, unreadable: ["dependabot", "code-scanning", "secret-scanning"] })).toContain("## Security alerts: the feature is off (3)");
    expect(text({ enabled: true, unreadable: [] })).toContain("On: Dependabot");
    expect(text(undefined)).not.toContain("Security alerts");
  });
});
