import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot, ProbotOctokit, createNodeMiddleware } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { RECORD_FANOUT_MAX } from "../../src/github/record-fanout.js";
import { createApp } from "../../src/index.js";
import { REPO, changeStack, checkOf, openChange } from "../helpers/change-stack.js";

let stack: Stack;
let second: { stop(): Promise<void> } | null = null;
afterEach(async () => {
  await stack.stop();
  await second?.stop();
  second = null;
});

const COMMITS_ROUTE = "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits";

/** Another replica of the app on the same simulator, with none of the first one's process memory. */
async function switchToFreshInstance(s: Stack): Promise<void> {
  const probot = new Probot({
    appId: s.sim.appId,
    privateKey: s.sim.privateKey,
    secret: "ims-demo-webhook-secret",
    baseUrl: s.sim.url,
    logLevel: "fatal",
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  const middleware = await createNodeMiddleware(createApp({ now: () => s.sim.clock.now(), sweep: false }), { probot, webhooksPath: "/api/github/webhooks" });
  const server: Server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  s.sim.setWebhookUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`);
  second = {
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function recheck(n: number): Promise<string> {
  stack.sim.as("bob").comment(REPO, n, "/ims recheck");
  await stack.sim.settle();
  return stack.sim.comments(REPO, n).at(-1)?.body ?? "";
}

const commitReads = () => stack.sim.requestCounts()[COMMITS_ROUTE] ?? 0;

describe("honest gates: the cost anyone who can comment can cause", () => {
  it("a second /ims recheck within the interval is not evaluated again and says when it was and when it can be", async () => {
    stack = await changeStack();
    const pr = openChange(stack);
    await stack.sim.settle();
    expect(await recheck(pr.number)).toContain("**IMS / change control** on head");
    stack.sim.clock.advance(90_000);
    stack.sim.resetRequestLog();
    const reply = await recheck(pr.number);
    expect(reply).toContain("last evaluated at 2026-03-02 09:00:00 UTC, next possible at 2026-03-02 09:05:00 UTC");
    expect(commitReads()).toBe(0);
    expect(checkOf(stack, pr.number)?.conclusion).toBe("action_required");
  });

  it("a /ims recheck after the interval is evaluated again", async () => {
    stack = await changeStack();
    const pr = openChange(stack);
    await stack.sim.settle();
    await recheck(pr.number);
    stack.sim.clock.advance(5 * 60_000);
    stack.sim.resetRequestLog();
    expect(await recheck(pr.number)).toContain("**IMS / change control** on head");
    expect(commitReads()).toBe(1);
  });

  it("a push right after a recheck is evaluated at once: the limit never holds back new inputs", async () => {
    stack = await changeStack();
    const pr = openChange(stack);
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await stack.sim.settle();
    await recheck(pr.number);
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
    stack.sim.clock.advance(30_000);
    stack.sim.as("alice").pushCommits(REPO, pr.number, [{ message: "more", files: { "infra/main.tf": "c\n" } }]);
    await stack.sim.settle();
    const run = checkOf(stack, pr.number);
    expect(run?.headSha).toBe(stack.sim.pull(REPO, pr.number).pull.headSha);
    // the approval was for the old head: only an evaluation of the push can say so
    expect(run?.conclusion).toBe("failure");
  });

  it("a fresh instance of the app (a replica, or after a restart) refuses a recheck within the interval too", async () => {
    stack = await changeStack();
    const pr = openChange(stack);
    await stack.sim.settle();
    await recheck(pr.number);
    await switchToFreshInstance(stack);
    stack.sim.clock.advance(60_000);
    stack.sim.resetRequestLog();
    expect(await recheck(pr.number)).toContain("last evaluated at 2026-03-02 09:00:00 UTC, next possible at 2026-03-02 09:05:00 UTC");
    expect(commitReads()).toBe(0);
  });

  it("pressing Re-run again within the interval does not evaluate the pull request again", async () => {
    stack = await changeStack();
    const pr = openChange(stack);
    await stack.sim.settle();
    stack.sim.as("bob").rerequestCheck(checkOf(stack, pr.number)!.id);
    await stack.sim.settle();
    stack.sim.resetRequestLog();
    stack.sim.as("bob").rerequestCheck(checkOf(stack, pr.number)!.id);
    await stack.sim.settle();
    expect(commitReads()).toBe(0);
    expect(checkOf(stack, pr.number)?.conclusion).toBe("action_required");
    stack.sim.clock.advance(5 * 60_000);
    stack.sim.as("bob").rerequestCheck(checkOf(stack, pr.number)!.id);
    await stack.sim.settle();
    expect(commitReads()).toBe(1);
  });

  it("a recheck and a Re-run share one limit: Re-run right after /ims recheck is not evaluated", async () => {
    stack = await changeStack();
    const pr = openChange(stack);
    await stack.sim.settle();
    await recheck(pr.number);
    stack.sim.resetRequestLog();
    stack.sim.as("bob").rerequestCheck(checkOf(stack, pr.number)!.id);
    await stack.sim.settle();
    expect(commitReads()).toBe(0);
  });
});

describe("honest gates: the cost of a change-record edit", () => {
  it("a flood of pull requests linking one change record cannot make each edit of the record evaluate them all, and a passing change linking it is still evaluated", async () => {
    stack = await changeStack();
    stack.sim.quietly(() => {
      for (let i = 0; i < 40; i++) stack.sim.as("bob").openPullRequest(REPO, { title: `flood ${i}`, head: `flood-${i}`, body: "Change: #1", files: { [`infra/flood${i}.tf`]: "x\n" } });
    });
    // the approved change is newer than the flood: it is not first in line by age, only by its passing check
    const pr = openChange(stack);
    stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
    stack.sim.resetRequestLog();
    // the record loses its rollback plan: the approved change must fail at once
    stack.sim.as("bob").editIssue(REPO, 1, { body: "### Risk\n\nLow\n\n### Test plan\n\nStaging, then smoke tests." });
    await stack.sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).toBe("failure");
    expect(commitReads()).toBe(RECORD_FANOUT_MAX);
  });
});
