import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { callsSoFar, countCalls, counting } from "../../src/github/call-counter.js";

const API = "https://api.github.com";
const Octokit = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));

afterEach(() => nock.cleanAll());

describe("counting (the calls a piece of work sent, from the one Octokit hook)", () => {
  it("counts each scope's own requests and writes, failures and pages included, with work beside it on the same Octokit left out and nested scopes added up", async () => {
    nock.disableNetConnect();
    const octokit = new Octokit({ auth: "t" });
    nock(API).get("/repos/o/r/pulls/1").times(3).reply(200, { number: 1 });
    nock(API).get("/repos/o/r/pulls/2").reply(404, { message: "Not Found" });
    nock(API).post("/repos/o/r/issues/1/comments").reply(201, { id: 1 });
    const get = (n: number) => octokit.rest.pulls.get({ owner: "o", repo: "r", pull_number: n });
    const [a, b] = await Promise.all([
      counting(octokit, async () => {
        await get(1);
        const inner = await counting(octokit, async () => {
          await get(1);
          return callsSoFar();
        });
        return { inner: inner.calls, seenInside: inner.value };
      }),
      counting(octokit, async () => {
        await get(1);
        await get(2).catch(() => undefined);
        await octokit.rest.issues.createComment({ owner: "o", repo: "r", issue_number: 1, body: "x" });
      }),
    ]);
    expect(a).toEqual({ value: { inner: 1, seenInside: 1 }, calls: 2, writes: 0 });
    // the comment is a write (content-creating), counted in its own scope only
    expect({ calls: b.calls, writes: b.writes }).toEqual({ calls: 3, writes: 1 });
    expect(countCalls(octokit).total).toBe(5);
    expect(callsSoFar()).toBe(0);
    expect(nock.pendingMocks()).toEqual([]);
  });

});
