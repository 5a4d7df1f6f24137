import type { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import type { Simulator } from "../../src/simulator/index.js";
import { asUser, type startReceiver, useSimulator } from "./helpers.js";

let sim: Simulator;
let octokit: Octokit;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const R = "acme/web";

useSimulator((s) => ({ sim, octokit, receiver } = s));

const events = (): string[] => receiver.received.map((r) => `${r.event}.${r.payload.action ?? ""}`);

describe("pull requests, reviews and checks", () => {
  it("opens a PR from commits, lists commits with co-author trailers and files", async () => {
    const pr = sim.as("alice").openPullRequest(R, {
      title: "Infra change",
      head: "feature",
      commits: [
        { message: "Add infra", files: { "infra/main.tf": "a\nb\n" }, coAuthors: ["bob"] },
        { message: "Tweak", files: { "infra/main.tf": "a\nc\n" } },
      ],
    });
    await sim.settle();
    expect(events()).toEqual(["push.", "pull_request.opened"]);
    const commits = await octokit.pulls.listCommits({ owner: "acme", repo: "web", pull_number: pr.number });
    expect(commits.data.map((c) => c.commit.message)).toEqual([expect.stringMatching(/^Add infra\n\nCo-authored-by: bob <\d+\+bob@users\.noreply\.github\.com>$/), "Tweak"]);
    expect(commits.data[0]!.author?.login).toBe("alice");
    expect(commits.data[1]!.parents[0]!.sha).toBe(commits.data[0]!.sha);
    const files = await octokit.pulls.listFiles({ owner: "acme", repo: "web", pull_number: pr.number });
    expect(files.data.map((f) => [f.filename, f.status])).toEqual([["infra/main.tf", "added"]]);
    const got = await octokit.pulls.get({ owner: "acme", repo: "web", pull_number: pr.number });
    expect(got.data).toMatchObject({ head: { ref: "feature", sha: pr.pull.headSha }, base: { ref: "main" }, commits: 2, merged: false });
  });

  it("emits synchronize with before/after on push and keeps approvals at their commit", async () => {
    const pr = sim.as("alice").openPullRequest(R, { title: "t", head: "f", files: { "a.txt": "1" } });
    const before = pr.pull.headSha;
    const review = sim.as("sec1").review(R, pr.number, "APPROVE");
    sim.as("alice").pushCommits(R, pr.number, [{ message: "more", files: { "a.txt": "2" } }]);
    await sim.settle();
    const sync = receiver.received.find((r) => r.payload.action === "synchronize")!.payload as Record<string, any>;
    expect(sync.before).toBe(before);
    expect(sync.after).toBe(sim.pull(R, pr.number).pull.headSha);
    const reviews = await octokit.pulls.listReviews({ owner: "acme", repo: "web", pull_number: pr.number });
    expect(reviews.data).toMatchObject([{ id: review.id, state: "APPROVED", commit_id: before, user: { login: "sec1" } }]);
    // a maintainer dismisses it
    await asUser(sim, "org-admin").pulls.dismissReview({ owner: "acme", repo: "web", pull_number: pr.number, review_id: review.id, message: "stale" });
    await sim.settle();
    expect(events().filter((e) => e.startsWith("pull_request_review"))).toEqual(["pull_request_review.submitted", "pull_request_review.dismissed"]);
  });

  it("refuses self-approval like GitHub unless the script allows it", async () => {
    const pr = sim.as("alice").openPullRequest(R, { title: "t", head: "f", files: { "a.txt": "1" } });
    expect(() => sim.as("alice").review(R, pr.number, "APPROVE")).toThrow(/own pull request/);
    expect(sim.as("alice").review(R, pr.number, "APPROVE", "", { allowSelfApproval: true }).state).toBe("APPROVED");
  });

  it("force-push rewrites the commit list and records head_ref_force_pushed", async () => {
    const pr = sim.as("alice").openPullRequest(R, { title: "t", head: "f", files: { "a.txt": "1" } });
    sim.as("alice").pushCommits(R, pr.number, [{ message: "rewritten", files: { "b.txt": "x" } }], { force: true });
    await sim.settle();
    const commits = await octokit.pulls.listCommits({ owner: "acme", repo: "web", pull_number: pr.number });
    expect(commits.data.map((c) => c.commit.message)).toEqual(["rewritten"]);
    const timeline = await octokit.issues.listEventsForTimeline({ owner: "acme", repo: "web", issue_number: pr.number });
    expect(timeline.data.map((e) => e.event)).toEqual(["committed", "head_ref_force_pushed", "committed"]);
  });

  it("check runs: created and completed webhooks, check_name filter, rerequest, merge gated on required checks", async () => {
    sim.protectBranch(R, "main", ["IMS / change control"]);
    const pr = sim.as("alice").openPullRequest(R, { title: "t", head: "f", files: { "a.txt": "1" } });
    const run = await octokit.checks.create({ owner: "acme", repo: "web", name: "IMS / change control", head_sha: pr.pull.headSha, status: "in_progress", output: { title: "Evaluating", summary: "..." } });
    expect(() => sim.as("alice").merge(R, pr.number)).toThrow(/Required status check "IMS \/ change control" is expected/);
    await octokit.checks.update({ owner: "acme", repo: "web", check_run_id: run.data.id, conclusion: "success", output: { title: "OK", summary: "all met" } });
    await octokit.checks.create({ owner: "acme", repo: "web", name: "other", head_sha: pr.pull.headSha, conclusion: "neutral" });
    const listed = await octokit.checks.listForRef({ owner: "acme", repo: "web", ref: pr.pull.headSha, check_name: "IMS / change control" });
    expect(listed.data).toMatchObject({ total_count: 1, check_runs: [{ status: "completed", conclusion: "success", output: { summary: "all met" }, app: { slug: "ims-bot" } }] });
    sim.as("bob").rerequestCheck(run.data.id);
    await sim.settle();
    const checkEvents = receiver.received.filter((r) => r.event === "check_run");
    expect(checkEvents.map((r) => r.payload.action)).toEqual(["created", "completed", "created", "completed", "rerequested"]);
    expect((checkEvents[0]!.payload.check_run as Record<string, any>).pull_requests[0].number).toBe(pr.number);
    const sha = sim.as("erin").merge(R, pr.number);
    await sim.settle();
    const closed = receiver.received.find((r) => r.payload.action === "closed")!.payload as Record<string, any>;
    expect(closed.pull_request).toMatchObject({ merged: true, merge_commit_sha: sha, merged_by: { login: "erin" } });
    const prs = await octokit.repos.listPullRequestsAssociatedWithCommit({ owner: "acme", repo: "web", commit_sha: pr.pull.headSha });
    expect(prs.data.map((p) => p.number)).toEqual([pr.number]);
  });

  it("only an app may create check runs", async () => {
    const pr = sim.as("alice").openPullRequest(R, { title: "t", head: "f", files: { "a.txt": "1" } });
    const { Octokit } = await import("@octokit/rest");
    const user = new Octokit({ baseUrl: sim.url, auth: sim.userToken("alice"), log: { debug() {}, info() {}, warn() {}, error() {} } });
    await expect(user.checks.create({ owner: "acme", repo: "web", name: "x", head_sha: pr.pull.headSha })).rejects.toMatchObject({ status: 403 });
  });

  it("caps pull request commits at 250 like GitHub", async () => {
    const commits = Array.from({ length: 260 }, (_, i) => ({ message: `c${i}`, files: { "n.txt": String(i) } }));
    const pr = sim.as("alice").openPullRequest(R, { title: "big", head: "big", commits });
    const all = await octokit.paginate(octokit.pulls.listCommits, { owner: "acme", repo: "web", pull_number: pr.number, per_page: 100 });
    expect(all).toHaveLength(250);
    const got = await octokit.pulls.get({ owner: "acme", repo: "web", pull_number: pr.number });
    expect(got.data.commits).toBe(260);
  });
});
