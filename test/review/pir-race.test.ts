import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, expect, it } from "vitest";
import { reviewLinkMarker } from "../../src/change/review-record.js";
import { ensureReviewRecord } from "../../src/github/review-record.js";

const API = "https://api.github.com";
const R = "/repos/acme/web";
const BOT = { login: "ims-bot[bot]", type: "Bot" };
const Octokit = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

it("closes its own post-implementation review record as a duplicate when another instance opened one at the same moment", async () => {
  nock(API).get(`${R}/issues/7/comments`).query(true).reply(200, []);
  nock(API).get(`${R}/labels`).query(true).reply(200, [{ name: "ims:problem" }, { name: "ims:post-incident-review" }]);
  nock(API).post(`${R}/issues`).reply(201, { number: 12 });
  nock(API).post(`${R}/issues/7/comments`).reply(201, { id: 502, body: reviewLinkMarker(12) });
  // Meanwhile another instance opened #11 and linked it.
  nock(API).get(`${R}/issues/7/comments`).query(true).reply(200, [
    { id: 501, body: `${reviewLinkMarker(11)}\nreview #11`, user: BOT, created_at: "2026-03-02T09:00:00Z" },
    { id: 502, body: `${reviewLinkMarker(12)}\nreview #12`, user: BOT, created_at: "2026-03-02T09:00:01Z" },
  ]);
  let dupNote = "";
  nock(API).post(`${R}/issues/12/comments`).reply(201, (_u, b) => ((dupNote = (b as { body: string }).body), { id: 600 }));
  let closed: Record<string, unknown> = {};
  nock(API).patch(`${R}/issues/12`).reply(200, (_u, b) => ((closed = b as Record<string, unknown>), { number: 12 }));
  nock(API).delete(`${R}/issues/comments/502`).reply(204);

  const octokit = new Octokit({ auth: "t" });
  const result = await ensureReviewRecord(octokit, { owner: "acme", repo: "web" }, { number: 7, title: "Hotfix", author: "sam", headSha: "abc" }, { label: "ims:problem", dueDays: 5 }, new Date("2026-03-02T09:00:00Z"));
  expect(result).toMatchObject({ record: 11, created: false });
  expect(closed).toMatchObject({ state: "closed", state_reason: "not_planned" });
  expect(dupNote).toContain("Duplicate of #11");
});
