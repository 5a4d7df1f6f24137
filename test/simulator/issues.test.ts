import { verify } from "@octokit/webhooks-methods";
import { describe, expect, it } from "vitest";
import type { Simulator } from "../../src/simulator/index.js";
import { takeViolations } from "../../src/simulator/oracle.js";
import { SECRET, type startReceiver, useSimulator } from "./helpers.js";
import type { Octokit } from "@octokit/rest";

let sim: Simulator;
let octokit: Octokit;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

useSimulator((s) => ({ sim, octokit, receiver } = s));

describe("issues, labels and comments", () => {
  it("emits opened then labeled for an issue filed with labels, signed with the secret", async () => {
    // a person applies only labels that exist (GitHub drops the others): the label is made first
    sim.as("org-admin").createLabel("acme/web", { name: "ims:incident" });
    sim.as("alice").openIssue("acme/web", { title: "Checkout down", body: "### Impact\n\nHigh", labels: ["ims:incident"] });
    await sim.settle();
    expect(receiver.received.map((r) => `${r.event}.${r.payload.action}`)).toEqual(["label.created", "issues.opened", "issues.labeled"]);
    for (const r of receiver.received) expect(await verify(SECRET, r.body, r.signature)).toBe(true);
    const opened = receiver.received[1]!.payload as Record<string, any>;
    expect(opened.issue.user.login).toBe("alice");
    expect(opened.installation.id).toBe(sim.installationId);
    expect(opened.organization.login).toBe("acme");
    expect(opened.sender.login).toBe("alice");
    expect(opened.issue.created_at).toBe("2025-03-03T09:00:00Z");
  });

  it("deletes an issue as GitHub does: issues.deleted, gone from the lists, and reading it answers 410 Gone (404 for a number never used)", async () => {
    const keep = sim.as("alice").openIssue("acme/web", { title: "stays" });
    const gone = sim.as("alice").openIssue("acme/web", { title: "goes" });
    await sim.settle();
    sim.as("org-admin").deleteIssue("acme/web", gone.number);
    await sim.settle();
    expect(receiver.received.at(-1)).toMatchObject({ event: "issues", payload: { action: "deleted", issue: { number: gone.number } } });
    await expect(octokit.issues.get({ owner: "acme", repo: "web", issue_number: gone.number })).rejects.toMatchObject({ status: 410, message: expect.stringContaining("This issue was deleted") });
    await expect(octokit.issues.listComments({ owner: "acme", repo: "web", issue_number: gone.number })).rejects.toMatchObject({ status: 410 });
    await expect(octokit.issues.get({ owner: "acme", repo: "web", issue_number: 999 })).rejects.toMatchObject({ status: 404 });
    expect((await octokit.issues.listForRepo({ owner: "acme", repo: "web", state: "all" })).data.map((i) => i.number)).toEqual([keep.number]);
    expect((await octokit.repos.get({ owner: "acme", repo: "web" })).data.open_issues_count).toBe(1);
    expect(takeViolations()).toEqual([]);
  });

  it("transfers an issue as GitHub does: opened in the target, then transferred in the source, and the old URL answers 301 to the new issue", async () => {
    sim.createRepo({ owner: "acme", name: "ops", files: { "README.md": "# ops\n" } });
    sim.setPermission("acme/ops", "alice", "write");
    sim.as("org-admin").createLabel("acme/web", { name: "ims:risk" });
    sim.as("org-admin").createLabel("acme/web", { name: "web-only" });
    sim.as("org-admin").createLabel("acme/ops", { name: "IMS:risk" });
    const before = sim.as("alice").openIssue("acme/ops", { title: "takes number 1 in ops" });
    const issue = sim.as("alice").openIssue("acme/web", { title: "Certificate expiry", body: "b", labels: ["ims:risk", "web-only"] });
    sim.as("bob").comment("acme/web", issue.number, "a comment that moves with it");
    await sim.settle();
    receiver.received.length = 0;
    // bob has read access to acme/ops only: GitHub refuses him
    expect(() => sim.as("bob").transferIssue("acme/web", issue.number, "acme/ops")).toThrow(/write access/);
    const moved = sim.as("alice").transferIssue("acme/web", issue.number, "acme/ops");
    await sim.settle();
    expect(moved.number).toBe(before.number + 1);
    expect(receiver.received.map((r) => `${r.event}.${r.payload.action} ${(r.payload.repository as { full_name: string }).full_name}`)).toEqual(["issues.opened acme/ops", "issues.transferred acme/web"]);
    const transferred = receiver.received[1]!.payload as Record<string, any>;
    expect(transferred.issue.number).toBe(issue.number);
    expect(transferred.changes.new_issue.number).toBe(moved.number);
    expect(transferred.changes.new_repository.full_name).toBe("acme/ops");
    expect((receiver.received[0]!.payload as Record<string, any>).changes.old_issue.number).toBe(issue.number);
    // labels only where the target has one of that name (its spelling); comments move with the issue
    const read = await octokit.issues.get({ owner: "acme", repo: "web", issue_number: issue.number });
    expect(read.data.repository_url).toMatch(/\/repos\/acme\/ops$/);
    expect(read.data.number).toBe(moved.number);
    expect(read.data.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["IMS:risk"]);
    const comments = await octokit.issues.listComments({ owner: "acme", repo: "web", issue_number: issue.number });
    expect(comments.data.map((c) => c.body)).toEqual(["a comment that moves with it"]);
    const raw = await fetch(`${sim.url}/repos/acme/web/issues/${issue.number}`, { headers: { authorization: `token ${sim.installationToken()}` }, redirect: "manual" });
    expect(raw.status).toBe(301);
    expect(raw.headers.get("location")).toBe(`${sim.url}/repos/acme/ops/issues/${moved.number}`);
    expect((await octokit.issues.listForRepo({ owner: "acme", repo: "web", state: "all" })).data).toEqual([]);
    expect(takeViolations()).toEqual([]);
  });

  it("auto-creates an unknown label when the app adds it, acting as the bot", async () => {
    const issue = sim.as("alice").openIssue("acme/web", { title: "x" });
    const res = await octokit.issues.addLabels({ owner: "acme", repo: "web", issue_number: issue.number, labels: ["priority:P1"] });
    expect(res.data.map((l) => l.name)).toEqual(["priority:P1"]);
    expect(res.data[0]!.color).toBe("ededed");
    await sim.settle();
    const labeled = receiver.received.find((r) => r.payload.action === "labeled")!;
    expect((labeled.payload.sender as { login: string }).login).toBe("ims-bot[bot]");
    expect(sim.labels("acme/web", issue.number)).toEqual(["priority:P1"]);
    await expect(octokit.issues.removeLabel({ owner: "acme", repo: "web", issue_number: issue.number, name: "nope" })).rejects.toMatchObject({ status: 404 });
  });

  it("edits with changes and keeps a timeline with actors and times", async () => {
    const a = sim.as("alice");
    const { number } = a.openIssue("acme/web", { title: "Old" });
    sim.clock.advance(60_000);
    a.editIssue("acme/web", number, { title: "New", body: "b" });
    a.addLabels("acme/web", number, ["status:waiting"]);
    sim.as("bob").assign("acme/web", number, ["bob"]);
    sim.as("bob").comment("acme/web", number, "on it");
    a.close("acme/web", number);
    a.reopen("acme/web", number);
    await sim.settle();
    const edited = receiver.received.find((r) => r.payload.action === "edited")!;
    expect(edited.payload.changes).toEqual({ title: { from: "Old" }, body: { from: "" } });
    const timeline = await octokit.issues.listEventsForTimeline({ owner: "acme", repo: "web", issue_number: number });
    expect(timeline.data.map((e) => e.event)).toEqual(["renamed", "labeled", "assigned", "commented", "closed", "reopened"]);
    expect(timeline.data[0]).toMatchObject({ rename: { from: "Old", to: "New" }, created_at: "2025-03-03T09:01:00Z" });
    expect(timeline.data[1]).toMatchObject({ label: { name: "status:waiting" }, actor: { login: "alice" } });
  });

  it("records cross-references from bodies and comments on the referenced issue", async () => {
    const problem = sim.as("alice").openIssue("acme/web", { title: "Problem" });
    const incident = sim.as("bob").openIssue("acme/web", { title: "Incident", body: `Related: #${problem.number}` });
    sim.as("bob").comment("acme/web", incident.number, `also acme/web#${problem.number}`);
    const timeline = await octokit.issues.listEventsForTimeline({ owner: "acme", repo: "web", issue_number: problem.number });
    expect(timeline.data).toMatchObject([{ event: "cross-referenced", actor: { login: "bob" }, source: { type: "issue", issue: { number: incident.number, repository: { full_name: "acme/web" } } } }]);
  });

  it("seeds quietly without webhooks", async () => {
    sim.quietly(() => sim.as("alice").openIssue("acme/web", { title: "seed", labels: ["x"] }));
    await sim.settle();
    expect(sim.deliveries).toEqual([]);
    expect(receiver.received).toEqual([]);
  });

  it("comments: create, edit, delete emit issue_comment events", async () => {
    const { number } = sim.as("alice").openIssue("acme/web", { title: "x" });
    const c = await octokit.issues.createComment({ owner: "acme", repo: "web", issue_number: number, body: "<!-- card -->hi" });
    await octokit.issues.updateComment({ owner: "acme", repo: "web", comment_id: c.data.id, body: "<!-- card -->v2" });
    await octokit.issues.deleteComment({ owner: "acme", repo: "web", comment_id: c.data.id });
    await sim.settle();
    expect(receiver.received.filter((r) => r.event === "issue_comment").map((r) => r.payload.action)).toEqual(["created", "edited", "deleted"]);
    expect(sim.comments("acme/web", number)).toEqual([]);
  });

  it("paginates with Link headers", async () => {
    for (let i = 0; i < 7; i++) sim.as("alice").openIssue("acme/web", { title: `i${i}` });
    const first = await octokit.issues.listForRepo({ owner: "acme", repo: "web", per_page: 3 });
    expect(first.data).toHaveLength(3);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain('per_page=3&page=3>; rel="last"');
    const all = await octokit.paginate(octokit.issues.listForRepo, { owner: "acme", repo: "web", per_page: 3 });
    expect(all.map((i) => i.title)).toEqual(["i6", "i5", "i4", "i3", "i2", "i1", "i0"]);
  });

  it("answers 304 to a matching If-None-Match and does not charge it", async () => {
    const first = await octokit.repos.get({ owner: "acme", repo: "web" });
    const remaining = Number(first.headers["x-ratelimit-remaining"]);
    await expect(octokit.repos.get({ owner: "acme", repo: "web", headers: { "if-none-match": String(first.headers.etag) } })).rejects.toMatchObject({ status: 304 });
    const last = sim.requestLog.at(-1)!;
    expect(last).toMatchObject({ route: "GET /repos/{owner}/{repo}", status: 304, conditional: true });
    const again = await octokit.repos.get({ owner: "acme", repo: "web" });
    expect(Number(again.headers["x-ratelimit-remaining"])).toBe(remaining - 1);
  });

  it("serves .github/ims.yml as base64 JSON and raw", async () => {
    const json = await octokit.repos.getContent({ owner: "acme", repo: "web", path: ".github/ims.yml" });
    const data = json.data as { content: string; encoding: string };
    expect(Buffer.from(data.content, "base64").toString()).toBe("sla:\n  enabled: true\n");
    const raw = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner: "acme", repo: "web", path: ".github/ims.yml", mediaType: { format: "raw" } });
    expect(raw.data).toBe("sla:\n  enabled: true\n");
    await expect(octokit.repos.getContent({ owner: "acme", repo: ".github", path: ".github/ims.yml" })).rejects.toMatchObject({ status: 404 });
  });

  it("redelivers with the same delivery id and body", async () => {
    sim.as("alice").openIssue("acme/web", { title: "x" });
    await sim.settle();
    const first = sim.deliveries.find((d) => d.event === "issues")!;
    sim.redeliver(first.id);
    await sim.settle();
    const copies = receiver.received.filter((r) => r.delivery === first.id);
    expect(copies).toHaveLength(2);
    expect(copies[0]!.body).toBe(copies[1]!.body);
    expect(sim.deliveries.at(-1)).toMatchObject({ id: first.id, redelivery: true, status: 200 });
  });

  it("fails the next calls on request and records unknown routes", async () => {
    sim.failNext("GET /repos/{owner}/{repo}", 502, 1);
    await expect(octokit.repos.get({ owner: "acme", repo: "web" })).rejects.toMatchObject({ status: 502 });
    expect((await octokit.repos.get({ owner: "acme", repo: "web" })).status).toBe(200);
    sim.failNext("POST /repos/{owner}/{repo}/issues", 403, 1, { retryAfter: 7 });
    const err = await octokit.issues.create({ owner: "acme", repo: "web", title: "t" }).catch((e: { status: number; response: { headers: Record<string, string> } }) => e);
    expect(err).toMatchObject({ status: 403, response: { headers: { "retry-after": "7" } } });
    await expect(octokit.request("GET /nope")).rejects.toMatchObject({ status: 404 });
    expect(sim.unknownRoutes).toEqual(["GET /nope"]);
    sim.unknownRoutes.length = 0;
    // The request oracle saw it too; this one is on purpose.
    expect(takeViolations()).toEqual(["request GET /nope (/nope): no such path in GitHub's REST API"]);
  });
});
