import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../../src/demo/stack.js";
import { missingPermissions } from "../../src/onboarding/permissions.js";
import { fileAt, newOrg, onboardingPulls, REPO, T0 } from "./helpers.js";

let stack: Stack;
let drain: () => Promise<number>;
beforeEach(async () => {
  // a budget a small test can exhaust: one repository's labels and files exceed it
  stack = await startStack({ now: T0, onboarding: { budgetPerMinute: 20, onDrain: (d) => (drain = d) } });
});
afterEach(async () => stack.stop());

const botReply = (n: number) => stack.sim.comments(REPO, n).filter((c) => c.user === stack.sim.botLogin).map((c) => c.body).join("\n");

describe("onboarding is idempotent and polite", () => {
  it("a closed, unmerged onboarding pull request means not now: a new installation event opens none, `/ims setup` by an admin reopens it, anyone else is refused", async () => {
    newOrg(stack);
    const { sim } = stack;
    sim.setPermission(REPO, "alice", "write");
    sim.setPermission(REPO, "sec1", "admin");
    sim.installApp({ repositories: [REPO] });
    await sim.settle();
    const [pr] = onboardingPulls(stack);
    sim.as(sim.adminLogin).editPullRequest(REPO, pr!.number, { state: "closed" });
    await sim.settle();
    sim.addInstallationRepositories([REPO]);
    sim.installApp({ repositories: [REPO] });
    await sim.settle();
    expect(onboardingPulls(stack).map((p) => [p.number, p.state])).toEqual([[pr!.number, "closed"]]);

    const issue = sim.as("alice").openIssue(REPO, { title: "Set up ims-bot after all", body: "" });
    sim.as("alice").comment(REPO, issue.number, "/ims setup");
    await sim.settle();
    expect(botReply(issue.number)).toMatch(/`\/ims setup` is for people with admin permission/);
    expect(onboardingPulls(stack)[0]!.state).toBe("closed");

    sim.as("sec1").comment(REPO, issue.number, "/ims setup");
    await sim.settle();
    expect(onboardingPulls(stack).map((p) => [p.number, p.state])).toEqual([[pr!.number, "open"]]);
    expect(botReply(issue.number)).toContain(`Reopened the onboarding pull request #${pr!.number}`);
  });

  it("archived repositories and forks get nothing; `onboarding: false` in the organisation's .github/ims.yml keeps the pull request away but not the labels", async () => {
    const { sim } = stack;
    sim.createOrg("acme", { members: ["alice"] });
    sim.createRepo({ owner: "acme", name: "old", archived: true });
    sim.createRepo({ owner: "acme", name: "web" });
    sim.createRepo({ owner: "acme", name: "web-copy", forkOf: "acme/web" });
    sim.createRepo({ owner: "acme", name: ".github", files: { ".github/ims.yml": "onboarding: false\n" } });
    sim.installApp({ repositories: ["acme/old", "acme/web", "acme/web-copy"] });
    await sim.settle();
    await drain();
    expect(sim.labels("acme/old")).toEqual([]);
    expect(sim.labels("acme/web-copy")).toEqual([]);
    expect(sim.labels("acme/web")).toContain("ims:incident");
    for (const r of ["acme/old", "acme/web", "acme/web-copy"]) expect(onboardingPulls(stack, r)).toEqual([]);
  });

  it("files that exist are left alone and the pull request says so", async () => {
    const { sim } = stack;
    sim.createOrg("acme", { members: ["alice"] });
    sim.createRepo({ owner: "acme", name: "web", files: { "README.md": "# web\n", ".github/pull_request_template.md": "Ours.\n" } });
    sim.installApp({ repositories: [REPO] });
    await sim.settle();
    const [pr] = onboardingPulls(stack);
    expect(fileAt(stack, REPO, "ims-bot/onboarding", ".github/pull_request_template.md")).toBe("Ours.\n");
    expect(pr!.body).toMatch(/## Left alone[\s\S]*`\.github\/pull_request_template\.md`/);
    expect(pr!.body).not.toMatch(/## What this adds[\s\S]*`\.github\/pull_request_template\.md`[\s\S]*## Left alone/);
  });

  it("a large installation is spread over minutes by its content-creating requests, each repository once, and continues from the store after a restart", async () => {
    const { sim } = stack;
    newOrg(stack, ["a", "b", "c"]);
    sim.installApp();
    await sim.settle();
    // the first repository spent the minute's budget
    expect(["acme/a", "acme/b", "acme/c"].map((r) => onboardingPulls(stack, r).length)).toEqual([1, 0, 0]);
    expect(await drain()).toBe(0);
    sim.clock.advance(61_000);
    await stack.restartApp({ store: stack.store });
    expect(await drain()).toBe(1);
    sim.clock.advance(61_000);
    expect(await drain()).toBe(1);
    sim.clock.advance(61_000);
    expect(await drain()).toBe(0);
    expect(["acme/a", "acme/b", "acme/c"].map((r) => onboardingPulls(stack, r).length)).toEqual([1, 1, 1]);
  });

  it("an installation that has not accepted contents and pull requests: write gets its labels, a log of what is missing, no failed delivery; accepting them opens the pull request", async () => {
    newOrg(stack);
    const { sim } = stack;
    const old = { metadata: "read", issues: "write", pull_requests: "read", checks: "write", contents: "read", members: "read", administration: "read" } as const;
    sim.setGrantedPermissions(old);
    expect(missingPermissions(old).map((m) => `${m.permission}: ${m.needed}`)).toEqual(["contents: write", "pull_requests: write"]);
    sim.installApp({ repositories: [REPO] });
    await sim.settle();
    expect(sim.deliveries.filter((d) => d.event === "installation").map((d) => d.status)).toEqual([200]);
    expect(sim.labels(REPO)).toContain("ims:incident");
    expect(onboardingPulls(stack)).toEqual([]);
    sim.acceptNewPermissions();
    await sim.settle();
    // queued again; the labels spent this minute's budget
    sim.clock.advance(61_000);
    await drain();
    expect(onboardingPulls(stack)).toHaveLength(1);
  });
});
