import type { Octokit } from "@octokit/rest";
import { expect, it } from "vitest";
import type { Simulator } from "../../src/simulator/index.js";
import { type startReceiver, useSimulator } from "./helpers.js";

let sim: Simulator;
let octokit: Octokit;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
useSimulator((s) => ({ sim, octokit, receiver } = s));

const R = "acme/web";
const MIN = 60_000;

it("refuses content-generating requests beyond the minute's limit with GitHub's secondary-limit 403 and Retry-After, and takes them again when the minute has room", async () => {
  void receiver;
  const { number } = sim.as("alice").openIssue(R, { title: "x" });
  sim.rateLimits.secondary.enableContentLimits(3, 500);
  for (let i = 0; i < 3; i++) await octokit.issues.createComment({ owner: "acme", repo: "web", issue_number: number, body: `c${i}` });
  sim.clock.advance(20_000);
  const refused = await octokit.issues.createComment({ owner: "acme", repo: "web", issue_number: number, body: "too fast" }).catch((e: unknown) => e);
  expect(refused).toMatchObject({ status: 403, response: { headers: { "retry-after": "40" } } });
  expect((refused as Error).message).toMatch(/^You have exceeded a secondary rate limit\. Please wait a few minutes before you try again\. If you reach out to GitHub Support for help, please include the request ID [0-9A-F-]+\./);
  // reads are not content: they go on
  expect((await octokit.issues.listComments({ owner: "acme", repo: "web", issue_number: number })).data).toHaveLength(3);
  sim.clock.advance(MIN);
  expect((await octokit.issues.createComment({ owner: "acme", repo: "web", issue_number: number, body: "later" })).status).toBe(201);
});

it("refuses a request beyond 100 in flight at once with a secondary-limit 403 that names no Retry-After", async () => {
  sim.rateLimits.secondary.concurrent = 2;
  // the first two are held until a third has arrived: it comes while two are in flight
  const third = async () => {
    while (sim.rateLimits.secondary.peakInFlight < 3) await new Promise((r) => setImmediate(r));
  };
  sim.beforeNext("GET /repos/{owner}/{repo}", third);
  sim.beforeNext("GET /repos/{owner}/{repo}", third);
  const answers = await Promise.all([0, 1, 2, 3, 4, 5].map(() => octokit.repos.get({ owner: "acme", repo: "web" }).then((r) => r.status, (e: { status: number; response: { headers: Record<string, string> } }) => ({ status: e.status, retryAfter: e.response.headers["retry-after"] }))));
  expect(answers.filter((a) => a === 200).length).toBeGreaterThanOrEqual(2);
  expect(answers.filter((a) => typeof a === "object")).not.toHaveLength(0);
  for (const a of answers.filter((x) => typeof x === "object")) expect(a).toEqual({ status: 403, retryAfter: undefined });
  expect(sim.rateLimits.secondary.peakInFlight).toBeGreaterThan(2);
});

it("counts points per endpoint and minute (GitHub: 900; a read 1, a write 5) and refuses beyond them with Retry-After, while other endpoints go on", async () => {
  const { number } = sim.as("alice").openIssue(R, { title: "x" });
  sim.rateLimits.secondary.enableContentLimits(80, 500, 12);
  for (let i = 0; i < 12; i++) await octokit.issues.get({ owner: "acme", repo: "web", issue_number: number });
  sim.clock.advance(15_000);
  const refused = await octokit.issues.get({ owner: "acme", repo: "web", issue_number: number }).catch((e: unknown) => e);
  expect(refused).toMatchObject({ status: 403, response: { headers: { "retry-after": "45" } } });
  expect((refused as Error).message).toMatch(/^You have exceeded a secondary rate limit/);
  // another endpoint has points of its own; two writes (5 each) fill it but for 2
  expect((await octokit.issues.createComment({ owner: "acme", repo: "web", issue_number: number, body: "a" })).status).toBe(201);
  expect((await octokit.issues.createComment({ owner: "acme", repo: "web", issue_number: number, body: "b" })).status).toBe(201);
  await expect(octokit.issues.createComment({ owner: "acme", repo: "web", issue_number: number, body: "c" })).rejects.toMatchObject({ status: 403 });
  sim.clock.advance(60_000);
  expect((await octokit.issues.get({ owner: "acme", repo: "web", issue_number: number })).status).toBe(200);
});
