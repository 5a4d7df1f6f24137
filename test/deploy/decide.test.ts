import { describe, expect, it } from "vitest";
import { decideDeployment } from "../../src/deploy/decide.js";
import type { DeployFacts } from "../../src/deploy/facts.js";
import { gateComment } from "../../src/deploy/render.js";
import { checkWindows } from "../../src/deploy/window.js";

const sha = (c: string) => c.repeat(40);
const facts = (patch: Partial<DeployFacts> = {}): DeployFacts => ({
  repo: "acme/web",
  deployment: { id: 7, environment: "production", sha: sha("b"), ref: "main", creator: "alice", createdAt: "2026-03-02T10:00:00Z" },
  runId: 70,
  onBranch: "main",
  targets: ["main"],
  base: { kind: "deployment", id: 5, sha: sha("a") },
  commits: [{ sha: sha("b"), title: "Merge pull request #2", author: "alice", pulls: [2] }],
  truncated: false,
  totalCommits: 1,
  pulls: [{ number: 2, title: "Rotate", baseRef: "main", headSha: sha("c"), mergeSha: sha("b"), mergedAt: "2026-03-02T09:00:00Z", check: "success", changeType: "normal", standardRule: null, record: 1 }],
  configErrors: [],
  deployed: { mergeOf: 2, approvedBefore: null },
  baseStatus: "ahead",
  ...patch,
});
const NOW = new Date("2026-03-02T10:00:00Z"); // a Monday
const none = { windows: [], freezes: [] };

describe("the deployment gate (pure)", () => {
  it("approves commits that all came through passing change pull requests", () => {
    const d = decideDeployment(facts(), none, NOW);
    expect(d.decision).toBe("approved");
    expect(d.changes).toEqual([{ repo: "acme/web", pull: 2, record: 1 }]);
  });

  it("names each direct push", () => {
    const d = decideDeployment(facts({ commits: [...facts().commits, { sha: sha("d"), title: "hotfix", author: "mallory", pulls: [] }] }), none, NOW);
    expect(d.decision).toBe("rejected");
    expect(d.directPushes).toEqual([sha("d")]);
    expect(d.reasons.join()).toContain("ddddddd");
  });

  it("rejects a pull request whose check did not pass at its head, a commit on no target branch, and a walk past its limit", () => {
    expect(decideDeployment(facts({ pulls: [{ ...facts().pulls[0]!, check: null }] }), none, NOW).decision).toBe("rejected");
    expect(decideDeployment(facts({ onBranch: null }), none, NOW).reasons[0]).toMatch(/not on main/);
    expect(decideDeployment(facts({ truncated: true, totalCommits: 400 }), none, NOW).reasons[0]).toMatch(/400 commits .* more than the 250/);
  });

  it("fails closed on a broken config", () => {
    const d = decideDeployment(facts({ configErrors: ["`deploy.windows` must be an array"] }), none, NOW);
    expect(d.decision).toBe("rejected");
    expect(d.reasons[0]).toMatch(/configuration/);
  });

  it("rejects in a freeze, except an approved emergency change", () => {
    const freezes = [{ from: "2026-03-01", to: "2026-03-05", timeZone: "UTC", reason: "quarter close" }];
    expect(decideDeployment(facts(), { windows: [], freezes }, NOW).reasons[0]).toMatch(/quarter close/);
    const emergency = facts({ pulls: [{ ...facts().pulls[0]!, changeType: "emergency" }] });
    const d = decideDeployment(emergency, { windows: [], freezes }, NOW);
    expect(d).toMatchObject({ decision: "approved", emergency: true });
  });

  it("rejects a commit that is not the merged result of a pull request nor a state approved before", () => {
    // an intermediate commit of #2, whose merge (eeee...) is not in what is deployed
    const d = decideDeployment(facts({ deployed: { mergeOf: null, approvedBefore: null }, pulls: [{ ...facts().pulls[0]!, mergeSha: sha("e") }] }), none, NOW);
    expect(d.decision).toBe("rejected");
    expect(d.reasons.join("\n")).toMatch(/bbbbbbb is not the merged result of a pull request/);
    expect(d.reasons.join("\n")).toMatch(/merged result is not in what is deployed\): bbbbbbb/);
    expect(d.changes).toEqual([]);
    // the same commit deployed and approved before (a redeployment or a rollback) passes
    const again = decideDeployment(facts({ commits: [], totalCommits: 0, baseStatus: "behind", deployed: { mergeOf: null, approvedBefore: 4 }, pulls: [] }), none, NOW);
    expect(again.decision).toBe("approved");
  });

  it("in a freeze, a standard change deployed with an emergency change waits, and is named", () => {
    const freezes = [{ from: "2026-03-01", to: "2026-03-05", timeZone: "UTC", reason: "quarter close" }];
    const both = facts({
      commits: [{ sha: sha("b"), title: "Merge #2", author: "alice", pulls: [2] }, { sha: sha("f"), title: "Merge #3", author: "alice", pulls: [3] }],
      totalCommits: 2,
      pulls: [{ ...facts().pulls[0]!, changeType: "emergency" }, { ...facts().pulls[0]!, number: 3, mergeSha: sha("f"), changeType: "standard", standardRule: "docs-only" }],
    });
    const d = decideDeployment(both, { windows: [], freezes }, NOW);
    expect(d.decision).toBe("rejected");
    expect(d.reasons[0]).toMatch(/quarter close.*#3 is not an emergency change/);
  });

  it("rejects outside the change windows with the next opening, in the window's time zone", () => {
    const windows = [{ days: ["tue", "wed"], from: "09:00", to: "16:00", timeZone: "Europe/Berlin" }];
    const d = decideDeployment(facts(), { windows, freezes: [] }, NOW);
    expect(d.decision).toBe("rejected");
    expect(d.window).toEqual({ open: false, nextOpening: "2026-03-03T08:00:00.000Z" });
    expect(checkWindows(windows, new Date("2026-03-03T08:30:00Z")).open).toBe(true);
    expect(checkWindows(windows, new Date("2026-03-03T15:00:00Z")).open).toBe(false); // 16:00 Berlin: closed
  });

  it("names the standard rule", () => {
    const d = decideDeployment(facts({ pulls: [{ ...facts().pulls[0]!, changeType: "standard", standardRule: "docs-only" }] }), none, NOW);
    expect(d).toMatchObject({ decision: "approved", standardRule: "docs-only" });
    expect(d.title).toContain("docs-only");
  });

  it("cuts the callback comment to GitHub's 1,024 characters and keeps the link", () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ sha: `${i}`.padStart(40, "e"), title: "x".repeat(40), author: "m", pulls: [] }));
    const c = gateComment(decideDeployment(facts({ commits: many }), none, NOW), "https://github.com/acme/web/runs/9");
    expect(c.length).toBeLessThanOrEqual(1024);
    expect(c.endsWith("Full decision: https://github.com/acme/web/runs/9")).toBe(true);
  });
});
