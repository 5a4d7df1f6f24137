import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runExport } from "../../src/evidence/export/run.js";
import { exceptionsFor } from "../../src/evidence/exceptions.js";
import type { Simulator } from "../../src/simulator/index.js";
import { options, REPO, seededSimulator, sink, tempOut } from "../export/fixture.js";
import { change, PERIOD } from "../evidence/fixtures.js";

let sim: Simulator;
beforeEach(async () => {
  ({ sim } = await seededSimulator());
});
afterEach(async () => sim.stop());

const directPushes = async () => {
  const out = tempOut();
  await runExport({ ...options(out, { apiUrl: sim.url }) }, { env: { GITHUB_TOKEN: sim.userToken("auditor") }, out: () => undefined, progress: sink(), sleep: async () => undefined, generatedAt: "2026-04-05T09:00:00.000Z" });
  const doc = JSON.parse(readFileSync(path.join(out, "exceptions.json"), "utf8")) as { exceptions: Array<{ kind: string; commit?: { sha: string } }> };
  return doc.exceptions.filter((e) => e.kind === "direct-push").map((e) => e.commit!.sha);
};

describe("the auditor's exceptions cannot be dodged", () => {
  it("a config change pushed straight to the default branch while an open pull request carries the same commit is still a direct push", async () => {
    sim.clock.set("2026-03-20T10:00:00Z");
    const pr = sim.as("mallory").openPullRequest(REPO, { title: "Looks reviewed", head: "cover", files: { ".github/ims.yml": "change:\n  allPullRequests: false\n" } });
    const head = sim.core.store.repoByName(REPO).issues.get(pr.number)!.pull!.headSha;
    // the same commit lands on main by a push: the pull request is open, never merged
    sim.core.store.repoByName(REPO).branches.get("main")!.sha = head;
    expect(await directPushes()).toContain(head);
  });

  it("a pull request merged into another branch does not excuse the same config commit pushed to the default branch", async () => {
    sim.clock.set("2026-03-20T10:00:00Z");
    sim.as("mallory").push(REPO, "main", []);
    const repo = sim.core.store.repoByName(REPO);
    repo.branches.set("release", { ...repo.branches.get("main")! });
    const pr = sim.as("mallory").openPullRequest(REPO, { title: "Into release", head: "side", base: "release", files: { ".github/ims.yml": "change:\n  allPullRequests: false\n" } });
    sim.clock.advance(60_000);
    sim.as("mallory").merge(REPO, pr.number, { method: "merge" });
    const merged = repo.issues.get(pr.number)!.pull!.mergeCommitSha!;
    repo.branches.get("main")!.sha = merged;
    expect(await directPushes()).toContain(merged);
  });

  it("an emergency change whose review record was closed late still shows as a late review, not as done", () => {
    const c = change(40, "emergency");
    const late = { ...c, mergedAt: "2026-03-02T10:00:00Z", emergencyReview: { ...c.emergencyReview!, completedAt: "2026-03-20T10:00:00Z" } };
    const list = exceptionsFor(late, { securityAssessDays: 3, reviewDueDays: 5 }, PERIOD);
    expect(list.map((e) => e.kind).sort()).toEqual(["emergency-change", "review-overdue"]);
    expect(list.find((e) => e.kind === "emergency-change")!.summary).toMatch(/done late/);
  });

  it("a change merged with a passing gate run on an earlier commit and a failing one last is merged without a passing gate", () => {
    const c = change(41);
    const failedLast = { ...c, checkRuns: [...c.checkRuns, { ...c.checkRuns[0]!, conclusion: "failure", completedAt: "2026-03-10T14:50:00Z" }] };
    expect(exceptionsFor(failedLast, { securityAssessDays: 3, reviewDueDays: 5 }, PERIOD).map((e) => e.kind)).toContain("merged-without-gate");
  });
});
