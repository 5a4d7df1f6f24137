import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { card, REPO, sweepNow, withMarker } from "../helpers/incident-stack.js";
import { riskForm, riskStack } from "../helpers/risk-stack.js";

const DAY = 86_400_000;
let stack: Stack;
beforeEach(async () => {
  stack = await riskStack();
});
afterEach(async () => stack.stop());

describe("the risk register, end to end through the simulator", () => {
  it("a high risk filed is rated, refused for the wrong person, accepted by an acceptor, and its acceptance lapses when raised", async () => {
    const { sim } = stack;
    const risk = sim.as("tom").openIssue(REPO, { title: "[Risk] credential stuffing", body: riskForm(), labels: ["ims:risk"] });
    await sim.settle();
    expect(sim.labels(REPO, risk.number)).toEqual(expect.arrayContaining(["ims:risk", "risk-level:high", "treatment:accept", "risk:acceptance-required"]));
    expect(card(stack, risk.number)).toContain("row 4, column 4 -> high");

    sim.as("tom").comment(REPO, risk.number, "/ims accept-risk we can live with it");
    await sim.settle();
    expect(sim.comments(REPO, risk.number).at(-1)!.body).toContain("accepted only by active members of the `risk-acceptors` team");
    expect(sim.labels(REPO, risk.number)).not.toContain("risk:accepted");

    sim.as("mgr1").comment(REPO, risk.number, "/ims accept-risk fix costs more than the loss");
    await sim.settle();
    expect(sim.labels(REPO, risk.number)).toContain("risk:accepted");
    expect(sim.labels(REPO, risk.number)).not.toContain("risk:acceptance-required");
    expect(card(stack, risk.number)).toContain("accepted at `high` by @mgr1");
    expect(card(stack, risk.number)).toContain("fix costs more than the loss");

    sim.as("tom").editIssue(REPO, risk.number, { body: riskForm({ likelihood: "5 - Almost certain", impact: "5 - Severe" }) });
    await sim.settle();
    expect(sim.labels(REPO, risk.number)).toEqual(expect.arrayContaining(["risk-level:critical", "risk:acceptance-required"]));
    expect(sim.labels(REPO, risk.number)).not.toContain("risk:accepted");
    expect(card(stack, risk.number)).toContain("acceptance lapsed");
    expect(sim.deliveries.filter((d) => d.status !== 200)).toEqual([]);
  });

  it("the sweep reminds the owner before the review date and escalates once it is overdue (virtual clock), once each", async () => {
    const { sim } = stack;
    // T0 is 2026-03-02; review 2026-03-20, 14 days' lead: reminders from 2026-03-06
    const risk = sim.as("tom").openIssue(REPO, { title: "[Risk] backups untested", body: riskForm({ treatment: "mitigate", review: "2026-03-20", likelihood: "2", impact: "2" }), labels: ["ims:risk"] });
    await sim.settle();
    await sweepNow(stack);
    expect(withMarker(stack, risk.number, "ims-risk-review-reminder")).toHaveLength(0);
    sim.clock.advance(5 * DAY);
    await sweepNow(stack);
    const reminders = withMarker(stack, risk.number, "ims-risk-review-reminder date=2026-03-20");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body).toContain("@tom");
    sim.clock.advance(15 * DAY);
    await sweepNow(stack);
    await sweepNow(stack);
    const escalations = withMarker(stack, risk.number, "ims-risk-review-overdue date=2026-03-20");
    expect(escalations).toHaveLength(1);
    // the team is mentioned as `@org/team` (a bare `@risk-acceptors` would mention a user of that login)
    expect(escalations[0]!.body).toContain("@acme/risk-acceptors");
    expect(escalations[0]!.body).toContain("owner @tom");
    expect(withMarker(stack, risk.number, "ims-risk-review-reminder")).toHaveLength(1);
    expect(sim.labels(REPO, risk.number)).toContain("risk:review-overdue");
    // reviewed: the owner sets the next review date
    sim.as("tom").editIssue(REPO, risk.number, { body: riskForm({ treatment: "mitigate", review: "2026-09-30", likelihood: "2", impact: "2" }) });
    await sim.settle();
    expect(sim.labels(REPO, risk.number)).not.toContain("risk:review-overdue");
    expect(card(stack, risk.number)).toContain("2026-09-30 (scheduled)");
  });

  it("on the review date itself the owner is reminded, not escalated; the next day it is overdue; a new date starts its own reminder and escalation", async () => {
    const { sim } = stack;
    // T0 is 2026-03-02 09:00 UTC; review due 2026-03-04 (inside the 14 days' lead at once)
    const risk = sim.as("tom").openIssue(REPO, { title: "[Risk] single admin", body: riskForm({ treatment: "mitigate", review: "2026-03-04", likelihood: "2", impact: "2" }), labels: ["ims:risk"] });
    await sim.settle();
    expect(withMarker(stack, risk.number, "ims-risk-review-reminder date=2026-03-04")).toHaveLength(1);
    sim.clock.advance(2 * DAY); // 2026-03-04 09:00: the review's day has not ended
    await sweepNow(stack);
    expect(withMarker(stack, risk.number, "ims-risk-review-overdue")).toHaveLength(0);
    expect(sim.labels(REPO, risk.number)).not.toContain("risk:review-overdue");
    sim.clock.advance(DAY); // 2026-03-05 09:00
    await sweepNow(stack);
    expect(withMarker(stack, risk.number, "ims-risk-review-overdue date=2026-03-04")).toHaveLength(1);
    expect(sim.labels(REPO, risk.number)).toContain("risk:review-overdue");
    // reviewed: next review 2026-04-10; reminded from 2026-03-27, escalated from 2026-04-11
    sim.as("tom").editIssue(REPO, risk.number, { body: riskForm({ treatment: "mitigate", review: "2026-04-10", likelihood: "2", impact: "2" }) });
    await sim.settle();
    sim.clock.advance(21 * DAY); // 2026-03-26
    await sweepNow(stack);
    expect(withMarker(stack, risk.number, "ims-risk-review-reminder date=2026-04-10")).toHaveLength(0);
    sim.clock.advance(DAY); // 2026-03-27
    await sweepNow(stack);
    expect(withMarker(stack, risk.number, "ims-risk-review-reminder date=2026-04-10")).toHaveLength(1);
    sim.clock.advance(15 * DAY); // 2026-04-11
    await sweepNow(stack);
    expect(withMarker(stack, risk.number, "ims-risk-review-overdue date=2026-04-10")).toHaveLength(1);
    expect(withMarker(stack, risk.number, "ims-risk-review-overdue")).toHaveLength(2);
  });

  it("a closed risk is neither reminded nor escalated; an open one beside it is", async () => {
    const { sim } = stack;
    const risk = sim.as("tom").openIssue(REPO, { title: "[Risk] retired service", body: riskForm({ treatment: "avoid", review: "2026-03-30", likelihood: "2", impact: "2" }), labels: ["ims:risk"] });
    const open = sim.as("tom").openIssue(REPO, { title: "[Risk] still open", body: riskForm({ treatment: "avoid", review: "2026-03-30", likelihood: "2", impact: "2" }), labels: ["ims:risk"] });
    await sim.settle();
    sim.as("tom").close(REPO, risk.number);
    await sim.settle();
    sim.clock.advance(20 * DAY); // 2026-03-22: both inside the reminder window
    await sweepNow(stack);
    expect(withMarker(stack, open.number, "ims-risk-review-reminder date=2026-03-30")).toHaveLength(1);
    sim.clock.advance(11 * DAY); // 2026-04-02: both overdue
    await sweepNow(stack);
    expect(withMarker(stack, open.number, "ims-risk-review-overdue date=2026-03-30")).toHaveLength(1);
    expect(withMarker(stack, risk.number, "ims-risk-review-overdue")).toHaveLength(0);
    expect(withMarker(stack, risk.number, "ims-risk-review-reminder")).toHaveLength(0);
    expect(sim.labels(REPO, risk.number)).not.toContain("risk:review-overdue");
  });

  it("/ims link joins a risk and an incident both ways", async () => {
    const { sim } = stack;
    const risk = sim.as("tom").openIssue(REPO, { title: "[Risk] x", body: riskForm({ treatment: "mitigate" }), labels: ["ims:risk"] });
    const inc = sim.as("tom").openIssue(REPO, { title: "Login storm", body: "### Impact\n\nHigh\n\n### Urgency\n\nHigh\n\n### Affected service\n\npayments-api", labels: ["ims:incident"] });
    await sim.settle();
    sim.as("tom").comment(REPO, risk.number, `/ims link #${inc.number}`);
    await sim.settle();
    expect(sim.comments(REPO, risk.number).at(-1)!.body).toContain(`Linked risk #${risk.number} and incident #${inc.number} both ways.`);
    expect(withMarker(stack, inc.number, `ims-link rel=risk to=${risk.number}`)).toHaveLength(1);
    expect(card(stack, risk.number)).toContain(`incident #${inc.number}`);
  });

  it("/ims link on the incident, naming the risk, joins them the same way", async () => {
    const { sim } = stack;
    const risk = sim.as("tom").openIssue(REPO, { title: "[Risk] y", body: riskForm({ treatment: "mitigate" }), labels: ["ims:risk"] });
    const inc = sim.as("tom").openIssue(REPO, { title: "Queue stall", body: "### Impact\n\nHigh\n\n### Urgency\n\nHigh\n\n### Affected service\n\npayments-api", labels: ["ims:incident"] });
    await sim.settle();
    sim.as("tom").comment(REPO, inc.number, `/ims link #${risk.number}`);
    await sim.settle();
    expect(sim.comments(REPO, inc.number).at(-1)!.body).toContain(`Linked risk #${risk.number} and incident #${inc.number} both ways.`);
    expect(withMarker(stack, inc.number, `ims-link rel=risk to=${risk.number}`)).toHaveLength(1);
    expect(card(stack, risk.number)).toContain(`incident #${inc.number}`);
  });
});
