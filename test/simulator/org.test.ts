import type { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import type { Simulator } from "../../src/simulator/index.js";
import { asUser, type startReceiver, useSimulator } from "./helpers.js";

let sim: Simulator;
let octokit: Octokit;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const R = "acme/web";
const HOUR = 3_600_000;

useSimulator((s) => ({ sim, octokit, receiver } = s));

describe("search, teams, permissions, protection", () => {
  it("search filters by repo, type, state, labels, negated labels, dates and title text", async () => {
    sim.createRepo({ owner: "acme", name: "api" });
    // a person applies only labels that exist
    for (const name of ["ims:incident", "priority:P1", "status:waiting"]) sim.as("org-admin").createLabel(R, { name });
    sim.as("org-admin").createLabel("acme/api", { name: "ims:incident" });
    const a = sim.as("alice");
    a.openIssue(R, { title: "Checkout down", labels: ["ims:incident", "priority:P1"] });
    sim.clock.advance(24 * HOUR);
    const second = a.openIssue(R, { title: "Slow search", labels: ["ims:incident", "status:waiting"] });
    a.openIssue(R, { title: "Docs typo" });
    a.openIssue("acme/api", { title: "API incident", labels: ["ims:incident"] });
    a.openPullRequest(R, { title: "Fix checkout", head: "f", files: { "x": "1" }, labels: ["ims:incident"] });
    a.close(R, second.number);
    const q = async (query: string): Promise<string[]> =>
      (await octokit.search.issuesAndPullRequests({ q: query, sort: "created", order: "asc" })).data.items.map((i) => i.title);
    expect(await q(`repo:${R} is:issue label:"ims:incident"`)).toEqual(["Checkout down", "Slow search"]);
    expect(await q(`repo:${R} is:issue is:open label:ims:incident`)).toEqual(["Checkout down"]);
    expect(await q(`org:acme is:issue label:ims:incident -label:status:waiting`)).toEqual(["Checkout down", "API incident"]);
    expect(await q(`repo:${R} is:pr state:open`)).toEqual(["Fix checkout"]);
    expect(await q(`org:acme created:>=2025-03-04 is:issue`)).toEqual(["Slow search", "Docs typo", "API incident"]);
    expect(await q(`org:acme created:2025-03-01..2025-03-03`)).toEqual(["Checkout down"]);
    expect(await q(`repo:${R} checkout in:title`)).toEqual(["Checkout down", "Fix checkout"]);
    const paged = await octokit.search.issuesAndPullRequests({ q: "org:acme", per_page: 2 });
    expect(paged.data).toMatchObject({ total_count: 5, incomplete_results: false });
    expect(paged.data.items).toHaveLength(2);
    expect(paged.headers.link).toContain('rel="next"');
  });

  it("team membership: active, pending, 404 for non-members, and membership webhooks", async () => {
    sim.createTeam("acme", { slug: "security", members: ["sec1"], pending: ["sec2"] });
    const m = (username: string) => octokit.teams.getMembershipForUserInOrg({ org: "acme", team_slug: "security", username });
    expect((await m("sec1")).data).toMatchObject({ state: "active", role: "member" });
    expect((await m("sec2")).data).toMatchObject({ state: "pending" });
    await expect(m("alice")).rejects.toMatchObject({ status: 404 });
    const members = await octokit.teams.listMembersInOrg({ org: "acme", team_slug: "security" });
    expect(members.data.map((u) => u.login)).toEqual(["sec1"]);
    sim.removeTeamMember("acme", "security", "sec1");
    await expect(m("sec1")).rejects.toMatchObject({ status: 404 });
    await sim.settle();
    // `team` is not among app.yml's events, so GitHub (and the simulator) never sends team.created
    expect(receiver.received.map((r) => `${r.event}.${r.payload.action}`)).toEqual(["membership.added", "membership.removed"]);
    expect(receiver.received[0]!.payload).toMatchObject({ scope: "team", member: { login: "sec1" }, team: { slug: "security" }, organization: { login: "acme" } });
  });

  it("collaborator permission gives the legacy permission and the role name", async () => {
    sim.setPermission(R, "carol", "triage");
    sim.setPermission(R, "erin", "maintain");
    const p = async (username: string) => (await octokit.repos.getCollaboratorPermissionLevel({ owner: "acme", repo: "web", username })).data;
    expect(await p("carol")).toMatchObject({ permission: "read", role_name: "triage", user: { login: "carol" } });
    expect(await p("erin")).toMatchObject({ permission: "write", role_name: "maintain" });
    expect(await p("alice")).toMatchObject({ permission: "write", role_name: "write" });
  });

  it("branch protection: 403 without administration, 404 when unprotected, contexts when protected; rulesets readable", async () => {
    const get = () => octokit.repos.getBranchProtection({ owner: "acme", repo: "web", branch: "main" });
    await expect(get()).rejects.toMatchObject({ status: 403 });
    sim.setAppAdministration(R, true);
    await expect(get()).rejects.toMatchObject({ status: 404, message: expect.stringContaining("Branch not protected") });
    sim.protectBranch(R, "main", ["IMS / change control"]);
    expect((await get()).data.required_status_checks).toMatchObject({ contexts: ["IMS / change control"] });
    sim.addRuleset(R, { name: "gate", include: ["~DEFAULT_BRANCH"], requiredChecks: ["IMS / change control"] });
    const rules = await octokit.repos.getBranchRules({ owner: "acme", repo: "web", branch: "main" });
    expect(rules.data).toMatchObject([{ type: "required_status_checks", parameters: { required_status_checks: [{ context: "IMS / change control" }] } }]);
  });

  it("repository_dispatch from the API and from a script", async () => {
    // a scheduled workflow's token sends it (contents: write, which ims-bot's installation does not have)
    await asUser(sim, "alice").repos.createDispatchEvent({ owner: "acme", repo: "web", event_type: "ims-sweep", client_payload: { reason: "cron" } });
    await sim.settle();
    expect(receiver.received.map((r) => r.payload)).toMatchObject([{ action: "ims-sweep", branch: "main", client_payload: { reason: "cron" }, installation: { id: 1 } }]);
  });

  it("reports the per-token budget and refuses when it is spent", async () => {
    sim.rateLimits.limits.core = 3;
    const first = await octokit.repos.get({ owner: "acme", repo: "web" });
    expect(first.headers["x-ratelimit-remaining"]).toBe("2");
    await octokit.repos.get({ owner: "acme", repo: "web" });
    await octokit.repos.get({ owner: "acme", repo: "web" });
    await expect(octokit.repos.get({ owner: "acme", repo: "web" })).rejects.toMatchObject({ status: 403, response: { headers: { "x-ratelimit-remaining": "0" } } });
    sim.clock.advance(HOUR);
    expect((await octokit.repos.get({ owner: "acme", repo: "web" })).status).toBe(200);
  });

  it("counts the app's calls per route template", async () => {
    const { number } = sim.as("alice").openIssue(R, { title: "x" });
    sim.resetRequestLog();
    await octokit.issues.createComment({ owner: "acme", repo: "web", issue_number: number, body: "a" });
    await octokit.issues.listComments({ owner: "acme", repo: "web", issue_number: number });
    await octokit.issues.listComments({ owner: "acme", repo: "web", issue_number: number });
    expect(sim.requestCounts()).toEqual({
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": 1,
      "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": 2,
    });
    expect(sim.requestLog.every((r) => r.actor === "ims-bot[bot]")).toBe(true);
  });
});
