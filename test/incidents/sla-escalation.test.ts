import { describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { escalationMarker } from "../../src/sla/markers.js";
import { postOnceRaceSafe } from "../../src/github/once-comments.js";
import { Octokit } from "@octokit/rest";
import { MIN, REPO, card, form, sweepNow, withMarker, writes, useIncidentStack } from "../helpers/incident-stack.js";

describe("SLA clocks and escalation, end to end (the real app against the simulator over HTTP)", () => {
  let stack: Stack;
  useIncidentStack((s) => (stack = s));

  const sweep = () => sweepNow(stack);

  it("marks a P1 with no response for 12 minutes sla:at-risk, and at 4 hours sla:breached with management mentioned exactly once whatever the sweeps and redeliveries", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
    await sim.settle();
    expect(sim.labels(REPO, issue.number)).toContain("priority:P1");
    expect(card(stack, issue.number)).toContain("**SLA** P1 on the `24x7` calendar");

    sim.clock.advance(12 * MIN);
    await sweep();
    const labels = sim.labels(REPO, issue.number);
    expect(labels).toContain("sla:at-risk");
    expect(labels).toContain("escalation:functional");
    expect(withMarker(stack, issue.number, escalationMarker("resolver team"))).toHaveLength(1);
    expect(withMarker(stack, issue.number, escalationMarker("resolver team"))[0]!.body).toContain("@acme/service-desk");

    sim.clock.advance(4 * 60 * MIN - 12 * MIN);
    await sweep();
    const dispatchDelivery = sim.deliveries.filter((d) => d.event === "repository_dispatch").at(-1)!;
    await sweep();
    sim.redeliver(dispatchDelivery.id);
    await sim.settle();
    sim.clock.advance(5 * MIN);
    await sweep();
    // The issue's own webhooks redelivered too: nothing new.
    for (const d of sim.deliveries.filter((x) => x.event === "issues")) sim.redeliver(d.id);
    await sim.settle();

    const after = sim.labels(REPO, issue.number);
    expect(after).toContain("sla:breached");
    expect(after).not.toContain("sla:at-risk");
    expect(after).toContain("escalation:hierarchical");
    const mentions = withMarker(stack, issue.number, escalationMarker("management"));
    expect(mentions).toHaveLength(1);
    expect(mentions[0]!.body).toContain("@acme/management");
    expect(withMarker(stack, issue.number, escalationMarker("resolver team"))).toHaveLength(1);
    // The card names the team in code so that it does not notify it a second time.
    expect(card(stack, issue.number)).toContain("Escalated (hierarchical, management) to `@acme/management`");
    const mentionsOfManagement = stack.sim.comments(REPO, issue.number).filter((c) => c.body.replace(/`[^`]*`/g, "").includes("@acme/management"));
    expect(mentionsOfManagement).toHaveLength(1);
    expect(card(stack, issue.number)).toMatch(/"rule":"sla\.evaluate"/);
    expect(sim.deliveries.filter((d) => d.status !== 200)).toEqual([]);
  });

  it("moves a P2's resolution deadline by two hours when it waits on the reporter for two hours", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Slow checkout", body: form("High", "Medium"), labels: ["ims:incident"] });
    await sim.settle();
    expect(card(stack, issue.number)).toContain("Resolve within 8h: running, due 2026-03-02 17:00 (UTC)");
    sim.clock.advance(10 * MIN);
    sim.as("tom").addLabels(REPO, issue.number, ["status:waiting"]);
    await sim.settle();
    expect(card(stack, issue.number)).toContain("paused while `status:waiting`");
    sim.clock.advance(120 * MIN);
    sim.as("tom").removeLabel(REPO, issue.number, "status:waiting");
    await sim.settle();
    expect(card(stack, issue.number)).toContain("Resolve within 8h: running, due 2026-03-02 19:00 (UTC)");
  });

  it("counts a triager's comment as the response at once, and not the reporter's or a read-only person's", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
    await sim.settle();
    sim.clock.advance(3 * MIN);
    sim.as("alice").comment(REPO, issue.number, "Still broken");
    sim.as("rita").comment(REPO, issue.number, "Same here");
    await sim.settle();
    expect(card(stack, issue.number)).not.toContain("met by");
    sim.clock.advance(2 * MIN);
    sim.as("tom").comment(REPO, issue.number, "On it");
    await sim.settle();
    // A comment by someone other than the reporter re-evaluates the record: no need to wait for a sweep.
    expect(card(stack, issue.number)).toContain("Respond within 15m: met by tom");
    sim.clock.advance(7 * MIN);
    await sweep();
    expect(sim.labels(REPO, issue.number)).not.toContain("sla:at-risk");
    // Permission is never asked for the reporter; only for the people who might have responded.
    const asked = sim.requestLog.filter((r) => r.route.includes("/permission")).map((r) => r.path.split("/").at(-2));
    expect(new Set(asked)).toEqual(new Set(["rita", "tom"]));
  });

  it("writes nothing in a second sweep when nothing is due, and reads only search pages", async () => {
    const { sim } = stack;
    for (let i = 0; i < 3; i++) sim.as("alice").openIssue(REPO, { title: `Down ${i}`, body: form("High", "High", `svc-${i}`), labels: ["ims:incident"] });
    await sim.settle();
    sim.clock.advance(12 * MIN);
    await sweep();
    sim.resetRequestLog();
    sim.clock.advance(1 * MIN);
    await sweep();
    expect(writes(stack)).toEqual({});
    const reads = sim.requestCounts((r) => r.method === "GET" && !r.conditional);
    expect(reads).toEqual({ "GET /search/issues": 1 });
  });

  it("keeps exactly one escalation comment when another instance posted the same one meanwhile (earliest kept)", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Race", body: form("Low", "Low"), labels: ["ims:incident"] });
    await sim.settle();
    const octokit = new Octokit({ baseUrl: sim.url, auth: sim.installationToken(), request: { retries: 0 } });
    const r = { owner: "acme", repo: "web" };
    const marker = escalationMarker("management");
    // The other instance: it read no marker either, and posted first.
    await octokit.rest.issues.createComment({ ...r, issue_number: issue.number, body: `${marker}\nfrom the other instance` });
    await postOnceRaceSafe(octokit as never, r, issue.number, [{ marker, body: "from this instance" }], []);
    const left = withMarker(stack, issue.number, marker);
    expect(left).toHaveLength(1);
    expect(left[0]!.body).toContain("from the other instance");
  });
});
