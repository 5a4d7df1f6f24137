import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { countCalls } from "../../src/github/call-counter.js";

const API = "https://api.github.com";
const Octokit = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));

afterEach(() => nock.cleanAll());

describe("countCalls", () => {
  it("counts each request where it is sent, per route, with 304s and failures, every page of a list included", async () => {
    nock.disableNetConnect();
    const octokit = new Octokit({ auth: "t" });
    const counter = countCalls(octokit);
    expect(countCalls(octokit)).toBe(counter);
    nock(API).get("/repos/o/r/pulls/1").reply(200, { number: 1 });
    nock(API).get("/repos/o/r/pulls/1").reply(304);
    nock(API).get("/repos/o/r/pulls/1/commits").query({ per_page: 1 }).reply(200, [{ sha: "a" }], { link: `<${API}/repos/o/r/pulls/1/commits?per_page=1&page=2>; rel="next"` });
    nock(API).get("/repos/o/r/pulls/1/commits").query({ per_page: 1, page: 2 }).reply(200, [{ sha: "b" }]);
    nock(API).get("/repos/o/r/pulls/2").reply(404, { message: "Not Found" });
    await octokit.rest.pulls.get({ owner: "o", repo: "r", pull_number: 1 });
    await expect(octokit.rest.pulls.get({ owner: "o", repo: "r", pull_number: 1, headers: { "if-none-match": '"e"' } })).rejects.toMatchObject({ status: 304 });
    await octokit.paginate(octokit.rest.pulls.listCommits, { owner: "o", repo: "r", pull_number: 1, per_page: 1 });
    await expect(octokit.rest.pulls.get({ owner: "o", repo: "r", pull_number: 2 })).rejects.toMatchObject({ status: 404 });
    expect(counter.total).toBe(5);
    expect(counter.notModified).toBe(1);
    expect(counter.byRoute()).toEqual({ "GET /repos/o/r/pulls/1": 2, "GET /repos/o/r/pulls/1/commits": 2, "GET /repos/o/r/pulls/2": 1 });
    expect(nock.pendingMocks()).toEqual([]);
  });
});
