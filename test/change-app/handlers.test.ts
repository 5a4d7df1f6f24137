import nock from "nock";
import { describe, expect, it } from "vitest";
import { example, nockProbot } from "../helpers/probot.js";
import { API, CHECK, HEAD, NOW, REPO, label, mockHeadCheck, mockNoRuns, mockReads, prPayload, pullObject, reviewObject, tokenAndNoConfig } from "../helpers/change-nock.js";

interface Written {
  name?: string;
  head_sha?: string;
  conclusion: string;
  output: { title: string; summary: string };
}

function captureCreate(into: Written[]): void {
  nock(API).post(`${REPO}/check-runs`).reply(201, (_u, body) => {
    into.push(body as Written);
    return { id: 77 };
  });
}

/** The evaluation on request recorded on the run written (`external_id`, nothing else). */
function captureStamp(): () => unknown {
  let body: unknown = null;
  nock(API).patch(`${REPO}/check-runs/77`).reply(200, (_u, b) => {
    body = b;
    return { id: 77 };
  });
  return () => body;
}

describe("IMS / change control through Probot (GitHub mocked with nock, requests checked against the OpenAPI description)", () => {
  const t = nockProbot(() => NOW);

  it("passes a normal change with a complete record and a security approval at head, in the minimum reads and one check write", async () => {
    tokenAndNoConfig();
    mockReads({ reviews: [reviewObject(1, "sec1", "APPROVED")], members: { sec1: true }, protection: "ruleset" });
    mockHeadCheck();
    mockNoRuns();
    const written: Written[] = [];
    captureCreate(written);
    await t.probot().receive({ id: "pr-1", name: "pull_request", payload: prPayload() } as never);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ name: CHECK, head_sha: HEAD, conclusion: "success" });
    expect(written[0]!.output.title).toBe("Normal change (risk low) approved");
    expect(written[0]!.output.summary).toContain("approved by @\u200bsec1");
    expect(written[0]!.output.summary).toContain("yes, by ruleset");
    expect(written[0]!.output.summary).toMatch(/<!-- ims-trace \{.*"rule":"change\.gate".*"delivery":"pr\\u002d1".*\} -->/);
  });

  it("does not count the author's own approval, and says so", async () => {
    tokenAndNoConfig();
    mockReads({ reviews: [reviewObject(1, "Codertocat", "APPROVED")], members: { Codertocat: true } });
    mockHeadCheck();
    mockNoRuns();
    const written: Written[] = [];
    captureCreate(written);
    await t.probot().receive({ id: "pr-2", name: "pull_request", payload: prPayload() } as never);
    expect(written[0]!.conclusion).toBe("action_required");
    expect(written[0]!.output.summary).toContain("not counted: the author of the pull request, even though a member of the security team");
  });

  it("updates the existing run for the head rather than adding a second one", async () => {
    tokenAndNoConfig();
    mockReads({ reviews: [] });
    mockHeadCheck();
    nock(API).get(`${REPO}/commits/${HEAD}/check-runs`).query(true).reply(200, { total_count: 1, check_runs: [{ id: 55, name: CHECK, head_sha: HEAD, status: "completed", conclusion: "success", output: { title: "old", summary: "old" }, app: { id: 1 } }] });
    let patched: Written | null = null;
    nock(API).patch(`${REPO}/check-runs/55`).reply(200, (_u, body) => {
      patched = body as Written;
      return { id: 55 };
    });
    await t.probot().receive({ id: "pr-3", name: "pull_request", payload: prPayload("synchronize") } as never);
    expect(patched).toMatchObject({ conclusion: "action_required" });
  });

  it("never writes a result computed for an old head onto the new head", async () => {
    tokenAndNoConfig();
    mockReads({ reviews: [] });
    mockHeadCheck("0000000000000000000000000000000000000001");
    // no check-run read or write: nock fails on any unexpected request
    await t.probot().receive({ id: "pr-4", name: "pull_request", payload: prPayload("synchronize") } as never);
  });

  it("fails closed with the config error when .github/ims.yml is broken, reading nothing it does not need", async () => {
    nock(API).post("/app/installations/2/access_tokens").reply(200, { token: "t", expires_at: "2099-01-01T00:00:00Z", permissions: {} });
    nock(API).get(`${REPO}/contents/.github%2Fims.yml`).reply(200, "change:\n  invalidateOnPush: sometimes\n", { "content-type": "text/plain" });
    nock(API).get(`${REPO}/pulls/2`).reply(200, pullObject(), { etag: '"pr-etag-1"' });
    nock(API).get(`${REPO}/branches/master/protection`).reply(404, { message: "Branch not protected" });
    nock(API).get(`${REPO}/rules/branches/master`).query(true).reply(200, []);
    mockHeadCheck();
    mockNoRuns();
    const written: Written[] = [];
    captureCreate(written);
    await t.probot().receive({ id: "pr-5", name: "pull_request", payload: prPayload() } as never);
    expect(written[0]!.conclusion).toBe("failure");
    expect(written[0]!.output.title).toBe("Change control: configuration error");
    expect(written[0]!.output.summary).toContain("`change.invalidateOnPush`");
    expect(written[0]!.output.summary).toContain("no: this result can be merged over");
  });

  it("ignores a label that cannot change the result, and a title-only edit, without a single request", async () => {
    const labeled = prPayload("labeled");
    (labeled as { label: unknown }).label = label("documentation");
    await t.probot().receive({ id: "pr-6", name: "pull_request", payload: labeled } as never);
    const edited = prPayload("opened");
    Object.assign(edited, { action: "edited", changes: { title: { from: "old" } } });
    await t.probot().receive({ id: "pr-7", name: "pull_request", payload: edited } as never);
  });

  it("re-evaluates on a dismissed review: the dismissed approval no longer counts", async () => {
    tokenAndNoConfig();
    mockReads({ reviews: [reviewObject(1, "sec1", "DISMISSED")] });
    mockHeadCheck();
    mockNoRuns();
    const written: Written[] = [];
    captureCreate(written);
    const payload = example("pull_request_review", "dismissed");
    Object.assign(payload.pull_request as object, { number: 2, state: "open" });
    await t.probot().receive({ id: "rev-1", name: "pull_request_review", payload } as never);
    expect(written[0]!.conclusion).toBe("action_required");
    expect(written[0]!.output.summary).toContain("not counted: the review was dismissed");
  });

  it("re-runs on check_run rerequested for its own check, finding a fork's pull request by its head", async () => {
    tokenAndNoConfig();
    mockNoRuns(); // issue 8: when the head was last evaluated on request (never)
    mockReads({ reviews: [] });
    mockHeadCheck();
    mockNoRuns();
    const written: Written[] = [];
    captureCreate(written);
    const stamp = captureStamp();
    const payload = example("check_run", "rerequested");
    Object.assign(payload.check_run as object, { name: CHECK, head_sha: HEAD, pull_requests: [] });
    Object.assign(payload, { repository: (prPayload().repository as object) });
    await t.probot().receive({ id: "cr-1", name: "check_run", payload } as never);
    expect(written[0]!.conclusion).toBe("action_required");
    expect(stamp()).toEqual({ external_id: `ims-recheck@${NOW.toISOString()}` });
  });

  it("re-evaluates the open pull requests that link an edited change record", async () => {
    tokenAndNoConfig();
    nock(API).get(`${REPO}/pulls`).query({ state: "open", per_page: 100 }).reply(200, [pullObject(), { ...pullObject({ number: 3, body: "Change: #99" }) }]);
    // the record's timeline: pull requests of other repositories that link it (none here)
    nock(API).get(`${REPO}/issues/12/timeline`).query(true).reply(200, []);
    mockReads({ reviews: [] });
    mockHeadCheck();
    mockNoRuns();
    const written: Written[] = [];
    captureCreate(written);
    const payload = example("issues", "edited");
    Object.assign(payload.issue as object, { number: 12, labels: [label("ims:change")], body: "### Risk\n\nHigh" });
    Object.assign(payload, { changes: { body: { from: "old" } }, repository: prPayload().repository });
    // the incident handler reads nothing for a change record; the change handler lists open PRs once
    await t.probot().receive({ id: "iss-1", name: "issues", payload } as never);
    expect(written).toHaveLength(1);
  });

  it("answers /ims recheck with the result and how to require the check when the branch does not", async () => {
    tokenAndNoConfig();
    // issue 8: the head, and when it was last evaluated on request (never)
    nock(API).get(`${REPO}/pulls/2`).reply(200, pullObject());
    mockNoRuns();
    mockReads({ reviews: [] });
    mockHeadCheck(undefined, 2);
    mockNoRuns();
    const written: Written[] = [];
    captureCreate(written);
    captureStamp();
    nock(API).get(`${REPO}/issues/2/comments`).query(true).reply(200, []);
    let reply = "";
    nock(API).post(`${REPO}/issues/2/comments`).reply(201, (_u, body) => {
      reply = (body as { body: string }).body;
      return { id: 9 };
    });
    const payload = example("issue_comment", "created");
    Object.assign(payload.issue as object, { number: 2, pull_request: { url: `${API}${REPO}/pulls/2` }, labels: [] });
    Object.assign(payload.comment as object, { body: "/ims recheck", user: { login: "octocat", type: "User" } });
    Object.assign(payload, { repository: prPayload().repository, sender: { login: "octocat", type: "User" } });
    await t.probot().receive({ id: "cmd-1", name: "issue_comment", payload } as never);
    expect(written[0]!.conclusion).toBe("action_required");
    expect(reply).toContain("**IMS / change control** on head `ec26c3e`: **action_required**");
    expect(reply).toContain("is unknown (branch protection cannot be read by the app");
    expect(reply).toContain("add `IMS / change control` for `master`");
  });
});
