import { describe, expect, it } from "vitest";
import { evaluateChange } from "../../src/change/policy.js";
import type { ChangeFacts } from "../../src/change/facts.js";
import { COMPLETE_FIELDS, NOW, commit, defaultConfig, findNode, normalChange, push, review, sha, withChange } from "./fixtures.js";

const config = defaultConfig();
const run = (facts: ChangeFacts, cfg = config, now = NOW) => evaluateChange(facts, cfg, now);

describe("acceptance: a normal change", () => {
  it("passes with a complete record and a security approval at head, fails after a push naming the invalidated approval, passes when approved again", () => {
    const approved = normalChange({ reviews: [review("bob", "c3")] });
    const first = run(approved);
    expect(first.conclusion).toBe("success");
    expect(first.title).toBe("Normal change (risk low) approved");
    expect(findNode(first.explanation, "security review")!.detail).toBe("approved by @\u200bbob");

    const pushed = push(approved, commit("c4", ["c3"]));
    const second = run(pushed);
    expect(second.conclusion).toBe("failure");
    expect(second.title).toContain(`approval by @bob invalidated by ${sha("c4").slice(0, 7)}`);
    expect(second.trace.result.requirements).toMatchObject({
      securityReview: { status: "fail", reviews: [{ login: "bob", invalidatedBy: [sha("c4").slice(0, 7)] }] },
    });

    const again = { ...pushed, reviews: [...pushed.reviews, review("bob", "c4", "APPROVED", 30)] };
    expect(run(again).conclusion).toBe("success");
  });

  it("fails when the change record is missing its rollback plan", () => {
    const facts = normalChange({
      reviews: [review("bob", "c3")],
      records: [{ status: "found", repo: "acme/shop", number: 12, labels: ["ims:change"], state: "open", fields: { ...COMPLETE_FIELDS, "Rollback plan": "_No response_" } }],
    });
    const r = run(facts);
    expect(r.conclusion).toBe("failure");
    expect(findNode(r.explanation, "linked change record")!.children![0]!.detail).toContain("unanswered: Rollback plan");
  });

  it("needs a second approval by another person for a high-risk change", () => {
    const high = (reviews: ChangeFacts["reviews"]) =>
      normalChange({ reviews, pr: { ...normalChange().pr, labels: ["ims:change", "risk:high"] } });
    expect(run(high([review("bob", "c3")])).conclusion).toBe("action_required");
    // bob is a maintainer too, but one person cannot give both approvals
    const r = run(high([review("bob", "c3")]));
    expect(findNode(r.explanation, "second approval")!.detail).toContain("a second person must approve");
    expect(run(high([review("bob", "c3"), review("erin", "c3", "APPROVED", 5)])).conclusion).toBe("success");
    // a configured CAB team replaces "any maintainer"
    const cab = withChange({ highRisk: { secondApproval: true, team: "cab" } });
    const facts = high([review("bob", "c3"), review("erin", "c3", "APPROVED", 5)]);
    expect(run(facts, cab).conclusion).toBe("failure"); // the CAB team was not read: fail closed
    const otherCab: ChangeFacts = { ...facts, teams: { ...facts.teams, cab: { status: "known", logins: ["frank"] } } };
    expect(run(otherCab, cab).conclusion).toBe("action_required");
    const withCab: ChangeFacts = { ...facts, teams: { ...facts.teams, cab: { status: "known", logins: ["erin"] } } };
    expect(run(withCab, cab).conclusion).toBe("success");
  });

  it("treats a missing risk level as high and fails until it is given", () => {
    const facts = normalChange({
      reviews: [review("bob", "c3")],
      records: [{ status: "found", repo: "acme/shop", number: 12, labels: ["ims:change"], state: "open", fields: { ...COMPLETE_FIELDS, Risk: "dunno" } }],
    });
    const r = run(facts);
    expect(r.conclusion).toBe("failure");
    expect(findNode(r.explanation, "risk level")!.detail).toContain("treated as high");
    expect(findNode(r.explanation, "second approval")).toBeDefined();
  });
});

describe("acceptance: emergency, standard, freeze and config", () => {
  const emergency = (reviews: ChangeFacts["reviews"]) =>
    normalChange({ reviews, pr: { ...normalChange().pr, labels: ["ims:change", "change:emergency"], body: "Hotfix" } });

  it("passes an emergency change with one emergency approval at head and asks for a post-implementation review", () => {
    const r = run(emergency([review("dave", "c3")]));
    expect(r.conclusion).toBe("success");
    expect(r.title).toBe("Emergency change approved: post-implementation review required");
    expect(r.postImplementationReview).toEqual({ label: "ims:problem", dueDays: 5 });
    expect(run(emergency([])).conclusion).toBe("action_required");
    // alice is an emergency approver but the author
    expect(run(emergency([review("alice", "c3")])).conclusion).toBe("action_required");
  });

  it("takes the emergency type from the change record when the PR says normal", () => {
    const facts = normalChange({
      reviews: [review("dave", "c3")],
      pr: { ...normalChange().pr, labels: ["ims:change", "change:normal"] },
      records: [{ status: "found", repo: "acme/shop", number: 12, labels: ["ims:change", "change:emergency"], state: "open", fields: {} }],
    });
    expect(run(facts).trace.result.type).toBe("emergency");
  });

  const freeze = withChange({ freezes: [{ from: "2026-03-01", to: "2026-03-03T12:00", timeZone: "Europe/Berlin", reason: "quarter close" }] });

  it("fails a normal change during a freeze, naming the window and reason", () => {
    const r = run(normalChange({ reviews: [review("bob", "c3")] }), freeze);
    expect(r.conclusion).toBe("failure");
    expect(findNode(r.explanation, "change freeze in force")!.detail).toContain("2026-03-01 to 2026-03-03T12:00 (Europe/Berlin): quarter close");
    expect(run(normalChange({ reviews: [review("bob", "c3")] }), freeze, new Date("2026-03-03T11:00:00Z")).conclusion).toBe("success");
  });

  it("lets an emergency change through a freeze and records the exception in the trace", () => {
    const r = run(emergency([review("dave", "c3")]), freeze);
    expect(r.conclusion).toBe("success");
    expect(r.trace.result.freezeException).toEqual([{ from: "2026-03-01", to: "2026-03-03T12:00", timeZone: "Europe/Berlin", reason: "quarter close" }]);
  });

  const docs = (patch: Partial<ChangeFacts> = {}) =>
    normalChange({ files: ["docs/runbook.md", "README.md"], pr: { ...normalChange().pr, body: "Docs." }, records: [], ...patch });

  it("passes a docs-only standard change with the matched rule named", () => {
    const r = run(docs());
    expect(r.conclusion).toBe("success");
    expect(r.title).toBe("Standard change: pre-approved by rule docs-only");
    expect(r.trace.result.standardRule).toBe("docs-only");
    expect(run(docs(), freeze).conclusion).toBe("failure");
  });

  it("fails a change labelled standard whose paths no rule covers", () => {
    const r = run(normalChange({ pr: { ...normalChange().pr, labels: ["ims:change", "change:standard"] } }));
    expect(r.conclusion).toBe("failure");
    expect(findNode(r.explanation, "pre-approved standard change")!.children!.map((c) => c.label).join(" ")).toContain("infra/lb.tf");
  });

  it("cannot prove a standard change when the file list was truncated", () => {
    const facts = docs({ pr: { ...normalChange().pr, labels: ["ims:change", "change:standard"] }, truncated: { files: { read: 3000, total: 3400, limit: 3000 } } });
    const r = run(facts);
    expect(r.conclusion).toBe("failure");
    expect(JSON.stringify(r.explanation)).toContain("the changed-file list is truncated (3000 of 3400 files read)");
  });

  it("passes a dependency bump by a bot only when every commit is by a listed bot", () => {
    const bot = { login: "dependabot[bot]", type: "Bot" as const };
    const c = commit("b1", ["base"], "dependabot[bot]");
    const facts = normalChange({ files: ["package.json"], commits: [c], pr: { ...normalChange().pr, author: bot, headSha: c.sha, labels: ["ims:change"], body: "" }, records: [] });
    expect(run(facts).trace.result.standardRule).toBe("dependency bump by a bot");
    const tampered = push(facts, commit("b2", ["b1"], "mallory"));
    expect(run(tampered).trace.result.type).toBe("normal");
  });

  it("fails closed on a config error, never success", () => {
    const facts = normalChange({ reviews: [review("bob", "c3")], configErrors: ["`.github/ims.yml`: `change.branches` must be a list (got `main`)"] });
    const r = run(facts);
    expect(r.conclusion).toBe("failure");
    expect(r.title).toBe("Change control: configuration error");
    expect(findNode(r.explanation, "configuration")!.children![0]!.label).toContain("change.branches");
    const notAChange = { ...facts, pr: { ...facts.pr, labels: [], body: "" }, files: ["src/a.ts"] };
    expect(run(notAChange).conclusion).toBe("failure");
  });

  it("fails closed on a freeze window whose times cannot be read", () => {
    const bad = withChange({ freezes: [{ from: "next friday", to: "2026-03-03", timeZone: "UTC", reason: "x" }] });
    const r = run(normalChange({ reviews: [review("bob", "c3")] }), bad);
    expect(r.conclusion).toBe("failure");
    expect(findNode(r.explanation, "configuration")!.children![0]!.label).toMatch(/change\.freezes.*0.*from must be a local date-time/);
  });

  it("is neutral, saying why, for a pull request that is not a change", () => {
    const r = run(normalChange({ pr: { ...normalChange().pr, labels: [], body: "Refactor." }, files: ["src/app.ts"], records: [] }));
    expect(r.conclusion).toBe("neutral");
    expect(r.title).toContain("Not a change: no ims:change label");
  });

  it("reports whether the target branch requires the check, without changing the conclusion", () => {
    const facts = normalChange({ reviews: [review("bob", "c3")], protection: { requiresCheck: false, sources: [] } });
    const r = run(facts);
    expect(r.conclusion).toBe("success");
    expect(findNode(r.explanation, "requires the \"IMS / change control\" check")!.detail).toContain("Settings -> Branches");
  });
});
