import { describe, expect, it } from "vitest";
import { evaluateChange } from "../../src/change/policy.js";
import type { ChangeFacts } from "../../src/change/facts.js";
import { NOW, commit, defaultConfig, findNode, normalChange, push, review, sha, who } from "../change/fixtures.js";

const config = defaultConfig();
const run = (facts: ChangeFacts) => evaluateChange(facts, config, NOW);
const securityNode = (facts: ChangeFacts) => findNode(run(facts).explanation, "security review")!;
const reviewLine = (facts: ChangeFacts, login: string) => findNode(securityNode(facts), `@\u200b${login}`)!;

describe("honest gates of the security review", () => {
  it("does not count an approval given at an older commit, and names the commit that invalidated it", () => {
    const facts = normalChange({ reviews: [review("bob", "c2")] });
    const r = run(facts);
    expect(r.conclusion).toBe("failure");
    expect(reviewLine(facts, "bob").detail).toContain(`invalidated by new commit ${sha("c3").slice(0, 7)}`);
    expect(r.title).toContain(`approval by @bob invalidated by ${sha("c3").slice(0, 7)}`);
  });

  it("does not count the author's own approval even though the author is in the security team, and says so", () => {
    const facts = normalChange({ reviews: [review("alice", "c3")] });
    expect(run(facts).conclusion).toBe("action_required");
    expect(reviewLine(facts, "alice")).toMatchObject({ status: "skip" });
    expect(reviewLine(facts, "alice").detail).toContain("the author of the pull request, even though a member of the security team");
  });

  it("does not count an approval by a co-author of one of the commits", () => {
    const c2 = commit("c2", ["c1"], "alice", { coAuthors: [{ name: "Bob B", email: "41+bob@users.noreply.github.com", login: null }] });
    const facts = normalChange({ commits: [commit("c1", ["base"]), c2, commit("c3", ["c2"])], reviews: [review("bob", "c3")] });
    expect(run(facts).conclusion).toBe("action_required");
    expect(reviewLine(facts, "bob").detail).toContain(`co-author of commit ${sha("c2").slice(0, 7)}`);
  });

  it("does not count an approval by someone who committed (amended) a commit", () => {
    const c3 = commit("c3", ["c2"], "alice", { committer: who("bob") });
    const facts = normalChange({ commits: [commit("c1", ["base"]), commit("c2", ["c1"]), c3], reviews: [review("bob", "c3")] });
    expect(reviewLine(facts, "bob").detail).toContain("committer of commit");
  });

  it("does not count a dismissed review", () => {
    const facts = normalChange({ reviews: [review("bob", "c3", "DISMISSED")] });
    expect(run(facts).conclusion).toBe("action_required");
    expect(reviewLine(facts, "bob").detail).toContain("the review was dismissed");
  });

  it("does not count an approval by a security member who has since left the team", () => {
    const facts = normalChange({
      reviews: [review("carol", "c3")],
      teams: { security: { status: "known", logins: ["alice", "bob"] } },
    });
    expect(run(facts).conclusion).toBe("action_required");
    expect(reviewLine(facts, "carol").detail).toContain("not an active member of the security team");
  });

  it("fails when the PR body was edited after the approval to unlink the change record", () => {
    const facts = normalChange({ reviews: [review("bob", "c3")] });
    expect(run(facts).conclusion).toBe("success");
    const edited: ChangeFacts = { ...facts, pr: { ...facts.pr, body: "Rotate the certificate." } };
    const r = run(edited);
    expect(r.conclusion).toBe("failure");
    expect(findNode(r.explanation, "linked change record")!.detail).toContain("none linked");
  });

  it("does not count an approval of a commit that a force-push removed, and says it was a force-push", () => {
    const facts = normalChange({
      commits: [commit("c1", ["base"]), commit("d2", ["c1"]), commit("d3", ["d2"])],
      pr: { ...normalChange().pr, headSha: sha("d3") },
      reviews: [review("bob", "c3")],
    });
    expect(run(facts).conclusion).toBe("failure");
    expect(reviewLine(facts, "bob").detail).toContain("no longer part of the pull request (force-push)");
  });

  it("does not count a bot's approval", () => {
    const facts = normalChange({
      reviews: [review("secbot[bot]", "c3", "APPROVED", 0, "Bot")],
      teams: { security: { status: "known", logins: ["bob", "secbot[bot]"] } },
    });
    expect(run(facts).conclusion).toBe("action_required");
    expect(reviewLine(facts, "secbot").detail).toContain("a bot cannot approve a change");
  });

  it("does not count an approval by a fork's contributor who is not in the security team", () => {
    const facts = normalChange({ reviews: [review("forker", "c3")] });
    expect(run(facts).conclusion).toBe("action_required");
    expect(reviewLine(facts, "forker").detail).toContain("not an active member");
  });

  it("still evaluates a pull request from a fork", () => {
    const base = normalChange({ reviews: [review("bob", "c3")] });
    const facts: ChangeFacts = { ...base, pr: { ...base.pr, isFork: true, headRepoFullName: "outsider/shop", author: { login: "outsider", type: "User" } } };
    const r = run(facts);
    expect(r.conclusion).toBe("success");
    expect(r.trace.inputs.fork).toBe(true);
  });

  it("handles a 100-commit pull request and checks every commit's authors", () => {
    const commits = Array.from({ length: 100 }, (_, i) => commit(`k${i}`, [i === 0 ? "base" : `k${i - 1}`], i === 57 ? "bob" : "alice"));
    const base = normalChange({ commits, reviews: [review("bob", "k99"), review("carol", "k99", "APPROVED", 1)] });
    const facts: ChangeFacts = { ...base, pr: { ...base.pr, headSha: sha("k99") } };
    const r = run(facts);
    expect(r.conclusion).toBe("success");
    expect(reviewLine(facts, "bob").detail).toContain(`author of commit ${sha("k57").slice(0, 7)}`);
    expect(r.trace.result.requirements).toMatchObject({ securityReview: { approvers: ["carol"] } });
  });

  it("fails, and says why, when GitHub truncated the commit list so commit authors cannot all be checked", () => {
    const commits = Array.from({ length: 250 }, (_, i) => commit(`t${i}`, [i === 0 ? "base" : `t${i - 1}`]));
    const base = normalChange({ commits, truncated: { commits: { read: 250, total: 312, limit: 250 } }, reviews: [review("bob", "head")] });
    const facts: ChangeFacts = { ...base, pr: { ...base.pr, headSha: sha("head") } };
    const r = run(facts);
    expect(r.conclusion).toBe("failure");
    expect(reviewLine(facts, "bob").detail).toContain("the commit list is truncated (250 of 312 commits read)");
    expect(findNode(r.explanation, "data truncated by GitHub limits")!.children![0]!.label).toContain("commits: 250 of 312 read (limit 250)");
  });

  it("blocks on changes requested by a security member until dismissed or superseded by their approval", () => {
    const blocked = normalChange({ reviews: [review("bob", "c3"), review("carol", "c3", "CHANGES_REQUESTED", 1)] });
    const r = run(blocked);
    expect(r.conclusion).toBe("failure");
    expect(findNode(r.explanation, "no changes requested")!.detail).toContain("@\u200bcarol requested changes");
    const dismissed = normalChange({ reviews: [review("bob", "c3"), review("carol", "c3", "DISMISSED", 1)] });
    expect(run(dismissed).conclusion).toBe("success");
    const superseded = normalChange({ reviews: [review("carol", "c2", "CHANGES_REQUESTED", 1), review("carol", "c3", "APPROVED", 2)] });
    expect(run(superseded).conclusion).toBe("success");
  });

  it("keeps an approval when the only later commit merges the target branch in", () => {
    const base = normalChange({ reviews: [review("bob", "c3")] });
    const merged = push(base, commit("m4", ["c3", "mainTip"], "erin", { mergesTargetOnly: true }));
    expect(run(merged).conclusion).toBe("success");
    expect(reviewLine(merged, "bob").detail).toContain("later commits only merge main in");
    const strict = evaluateChange(merged, { ...config, change: { ...config.change, allowTargetMerges: false } }, NOW);
    expect(strict.conclusion).toBe("failure");
  });

  it("fails when the security team's members cannot be read, instead of trusting the approval", () => {
    const facts = normalChange({ reviews: [review("bob", "c3")], teams: { security: { status: "unknown", reason: "403: the app lacks members:read" } } });
    const r = run(facts);
    expect(r.conclusion).toBe("failure");
    expect(securityNode(facts).detail).toContain("cannot be read");
  });
});
