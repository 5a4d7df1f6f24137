import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { searchIssuePages } from "../../src/github/search-pages.js";
import type { Octokit } from "../../src/github/types.js";

const API = "https://api.github.com";
const octokit = new (ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })))({ auth: "token t" }) as unknown as Octokit;
const item = (n: number) => ({ number: n, title: `#${n}`, state: "open", labels: [], body: null });

afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe("issue search pages", () => {
  it("reads the items whatever key GitHub puts first (search_type before items breaks Octokit's paginate)", async () => {
    const body = { search_type: "lexical", total_count: 2, incomplete_results: false, items: [item(1), item(2)] };
    nock(API).get("/search/issues").query({ q: "repo:acme/web is:open", per_page: 100, page: 1 }).reply(200, body);
    const pages = [];
    for await (const page of searchIssuePages(octokit, "repo:acme/web is:open")) pages.push(page);
    expect(pages.map((p) => p.items.map((i) => i.number))).toEqual([[1, 2]]);
    // the reason for not using paginate: it takes the first remaining key for the list
    nock(API).get("/search/issues").query(true).reply(200, body);
    await expect(async () => {
      for await (const page of octokit.paginate.iterator("GET /search/issues", { q: "x", per_page: 100 })) void page;
    }).rejects.toThrow();
  });

  it("follows pages up to GitHub's 1,000-result cap and no further", async () => {
    for (let page = 1; page <= 10; page++) {
      nock(API).get("/search/issues").query({ q: "is:open", per_page: 100, page }).reply(200, { total_count: 4_000, incomplete_results: false, items: Array.from({ length: 100 }, (_, i) => item(page * 100 + i)) });
    }
    let pages = 0;
    for await (const page of searchIssuePages(octokit, "is:open")) pages += page.items.length === 100 ? 1 : 0;
    expect(pages).toBe(10);
  });
});
