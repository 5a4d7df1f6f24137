import { describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { NOTICE } from "../../src/records/markers.js";
import { MIN, REPO, botComments, card, form, withMarker, useIncidentStack } from "../helpers/incident-stack.js";

describe("security assessment, major incidents, problems and commands, end to end", () => {
  let stack: Stack;
  useIncidentStack((s) => (stack = s));

  const openIssues = (label: string) => [...stack.sim.core.store.repoByName(REPO).issues.values()].filter((i) => i.labels.includes(label));

  it("routes a security event to the security team once, refuses /ims assess from a non-member without changing anything, and accepts it from a member", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Odd logins", body: form("Medium", "Medium", "auth"), labels: ["ims:incident", "security:event"] });
    await sim.settle();
    expect(withMarker(stack, issue.number, NOTICE.securityRouted)).toHaveLength(1);
    expect(withMarker(stack, issue.number, NOTICE.securityRouted)[0]!.body).toContain("@acme/security");
    expect(card(stack, issue.number)).toContain("routed to `@acme/security`");

    const labelsBefore = [...sim.labels(REPO, issue.number)].sort();
    const cardBefore = card(stack, issue.number);
    sim.resetRequestLog();
    sim.as("bob").comment(REPO, issue.number, "/ims assess incident");
    await sim.settle();
    const reply = botComments(stack, issue.number).at(-1)!.body;
    expect(reply).toContain("Sorry @bob");
    expect(reply).toContain("members of the `security` team");
    expect(reply).toContain("Nothing was changed");
    expect([...sim.labels(REPO, issue.number)].sort()).toEqual(labelsBefore);
    expect(card(stack, issue.number)).toBe(cardBefore);
    const w = sim.requestCounts((r) => r.method !== "GET" && r.actor === sim.botLogin && !r.route.includes("access_tokens"));
    expect(w).toEqual({ "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": 1 });

    sim.as("sec1").comment(REPO, issue.number, "/ims assess incident");
    await sim.settle();
    const labels = sim.labels(REPO, issue.number);
    expect(labels).toContain("security:incident");
    expect(labels).not.toContain("security:event");
    expect(labels).toContain("needs-triage"); // CIA impact is now required
    expect(card(stack, issue.number)).toContain("assessed by `security` as an information security incident");
    expect(withMarker(stack, issue.number, NOTICE.securityRouted)).toHaveLength(1);
  });

  it("declares a major incident with /ims major, notifies management once, and on close opens exactly one linked post-incident review even on redelivery", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Payments outage", body: form("High", "Medium"), labels: ["ims:incident"] });
    await sim.settle();
    sim.as("tom").comment(REPO, issue.number, "/ims major");
    await sim.settle();
    expect(sim.labels(REPO, issue.number)).toContain("major-incident");
    expect(withMarker(stack, issue.number, NOTICE.majorNotified)).toHaveLength(1);
    expect(withMarker(stack, issue.number, NOTICE.majorNotified)[0]!.body).toContain("@acme/management");
    expect(card(stack, issue.number)).toContain("**Major incident procedure**");
    expect(card(stack, issue.number)).toContain("- [ ] Appoint an incident manager");

    sim.clock.advance(60 * MIN);
    sim.as("tom").close(REPO, issue.number);
    await sim.settle();
    for (const d of sim.deliveries.filter((x) => x.event === "issues" && x.action === "closed")) sim.redeliver(d.id);
    await sim.settle();
    sim.as("tom").reopen(REPO, issue.number);
    sim.as("tom").close(REPO, issue.number);
    await sim.settle();

    const reviews = openIssues("ims:post-incident-review");
    expect(reviews).toHaveLength(1);
    const review = reviews[0]!;
    expect(review.title).toBe("Post-incident review: Payments outage");
    expect(review.labels).toContain("ims:problem");
    expect(withMarker(stack, issue.number, `rel=review to=${review.number}`)).toHaveLength(1);
    expect(withMarker(stack, review.number, `rel=incident to=${issue.number}`)).toHaveLength(1);
    expect(botComments(stack, issue.number).some((c) => c.body.includes(`ims-bot opened #${review.number}`))).toBe(true);
    expect(card(stack, review.number)).toContain(`- #${issue.number}`);
    expect(withMarker(stack, issue.number, NOTICE.majorNotified)).toHaveLength(1);
  });

  it("opens exactly one problem linking all three when three incidents on one service are opened within a week", async () => {
    const { sim } = stack;
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) {
      numbers.push(sim.as("alice").openIssue(REPO, { title: `Payments error ${i}`, body: form("Medium", "Low", i === 1 ? " Payments-API " : "payments-api"), labels: ["ims:incident"] }).number);
      await sim.settle();
      sim.clock.advance(2 * 24 * 60 * MIN);
    }
    numbers.push(sim.as("alice").openIssue(REPO, { title: "Payments error 3", body: form("Medium", "Low"), labels: ["ims:incident"] }).number);
    sim.as("alice").openIssue(REPO, { title: "Other service", body: form("Medium", "Low", "search"), labels: ["ims:incident"] });
    await sim.settle();
    const problems = openIssues("ims:problem");
    expect(problems).toHaveLength(1);
    const p = problems[0]!;
    expect(p.title).toBe("Problem: repeated incidents on payments-api");
    for (const n of numbers.slice(0, 3)) {
      expect(withMarker(stack, n, `rel=problem to=${p.number}`)).toHaveLength(1);
      expect(card(stack, p.number)).toContain(`- #${n}`);
      // each incident's own card shows its problem at once, not only at its next event
      expect(card(stack, n)).toContain(`**Linked records:** problem #${p.number}`);
    }
  });

  it("reopens a problem closed without a root cause, and marks a known error by command or by its form fields", async () => {
    const { sim } = stack;
    const incident = sim.as("alice").openIssue(REPO, { title: "Search slow", body: form("Low", "Low", "search"), labels: ["ims:incident"] });
    await sim.settle();
    sim.as("tom").comment(REPO, incident.number, "/ims problem");
    await sim.settle();
    const problem = openIssues("ims:problem")[0]!;
    expect(withMarker(stack, incident.number, `rel=problem to=${problem.number}`)).toHaveLength(1);
    expect(card(stack, problem.number)).toContain(`- #${incident.number}`);

    sim.as("tom").close(REPO, problem.number);
    await sim.settle();
    expect(sim.issue(REPO, problem.number).state).toBe("open");
    expect(botComments(stack, problem.number).some((c) => c.body.includes("Reopened: a problem is closed once its root cause is known"))).toBe(true);

    sim.as("tom").comment(REPO, problem.number, "/ims known-error");
    await sim.settle();
    expect(sim.labels(REPO, problem.number)).toContain("known-error");

    const other = sim.as("tom").openIssue(REPO, { title: "Cache", labels: ["ims:problem"], body: "### Affected service\n\ncache\n\n### Root cause\n\nTTL too long\n\n### Workaround\n\nFlush daily" });
    await sim.settle();
    expect(sim.labels(REPO, other.number)).toContain("known-error");
    sim.as("tom").close(REPO, other.number);
    await sim.settle();
    expect(sim.issue(REPO, other.number).state).toBe("closed");

    sim.as("bob").comment(REPO, other.number, `/ims link #${incident.number}`);
    await sim.settle();
    expect(withMarker(stack, incident.number, `rel=problem to=${other.number}`)).toHaveLength(1);
    expect(withMarker(stack, other.number, `rel=incident to=${incident.number}`)).toHaveLength(1);
  });

  it("answers /ims help, gives unknown commands the help, never re-runs an edited comment and ignores bots", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Help", body: form("Low", "Low"), labels: ["ims:incident"] });
    await sim.settle();
    sim.as("alice").comment(REPO, issue.number, "/ims help");
    await sim.settle();
    const help = botComments(stack, issue.number).at(-1)!.body;
    for (const c of ["/ims assess incident\\|not-incident", "/ims major", "/ims problem", "/ims link #N", "/ims known-error"]) expect(help).toContain(c);
    expect(help).toContain("members of the `security` team");

    const typo = sim.as("alice").comment(REPO, issue.number, "/ims majr");
    await sim.settle();
    expect(botComments(stack, issue.number).at(-1)!.body).toContain("is not an ims-bot command");
    const count = botComments(stack, issue.number).length;

    sim.as("alice").editComment(REPO, typo.id, "/ims major");
    sim.as("dependabot[bot]").comment(REPO, issue.number, "/ims major");
    await sim.settle();
    expect(botComments(stack, issue.number)).toHaveLength(count);
    expect(sim.labels(REPO, issue.number)).not.toContain("major-incident");
  });
});
