import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { seedAppLabels } from "../../src/demo/labels.js";
import { runExport } from "../../src/evidence/export/run.js";
import type { RiskRecord } from "../../src/evidence/types.js";
import { acceptanceMarker } from "../../src/risks/acceptance.js";
import { options, sink, tempOut } from "../export/fixture.js";
import type { Stack } from "../../src/demo/stack.js";
import { changeStack, checkOf, openChange, REPO, summary } from "../helpers/change-stack.js";
import { card, sweepNow, withMarker } from "../helpers/incident-stack.js";
import { riskForm, riskStack } from "../helpers/risk-stack.js";

/**
 * Red team of the risk register's gates (issue 13 §2), as an outsider would try them: another
 * repository, a label, hidden or duplicated text, a config file on a branch, an edit after
 * acceptance, a redelivery. Each test is one refused bypass.
 */
const DAY = 86_400_000;
let stack: Stack;
afterEach(async () => stack.stop());

const labels = (n: number, repo = REPO) => stack.sim.labels(repo, n);
const text = (n: number) => summary(checkOf(stack, n)).replace(/\\/g, "");

/** Who files risks: bob in the change stack, tom (the risk owner, not an acceptor) in the risk stack. */
let filer = "bob";
/** The change stack with `change.requireRiskRecord` on and dave in `risk-acceptors`. */
async function gateStack() {
  stack = await changeStack({ config: "change:\n  requireRiskRecord: true\n" });
  stack.sim.quietly(() => stack.sim.createTeam("acme", { slug: "risk-acceptors", members: ["dave"] }));
  filer = "bob";
}
/** The risk stack (mgr1 in `risk-acceptors`). */
async function registerStack() {
  stack = await riskStack();
  filer = "tom";
}
/** A risk record (default: high, mitigate). */
async function openRisk(body = riskForm({ treatment: "mitigate" }), repo = REPO) {
  const issue = stack.sim.as(filer).openIssue(repo, { title: "[Risk] certificate expiry", body, labels: ["ims:risk"] });
  await stack.sim.settle();
  return issue.number;
}
/** A high-risk normal change by alice linking `risk`, approved by sec1 and erin: only the risk record can fail it. */
async function highRiskChange(risk: string) {
  const pr = openChange(stack, { body: `Rotate it.\n\nChange: #1\nRisk: ${risk}`, labels: ["ims:change", "risk:high"] });
  stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
  stack.sim.as("erin").review(REPO, pr.number, "APPROVE");
  await stack.sim.settle();
  return pr.number;
}
const conclusion = (pr: number) => checkOf(stack, pr)?.conclusion;

describe("red team: the risk register's gates (acceptance, level, risk record, reviews)", () => {
  it("closing the linked risk fails the passing pull request's check at once, with no edit or push of the pull request", async () => {
    await gateStack();
    const n = await openRisk();
    const pr = await highRiskChange(`#${n}`);
    expect(conclusion(pr)).toBe("success");
    stack.sim.as("bob").close(REPO, n);
    await stack.sim.settle();
    expect(conclusion(pr)).toBe("failure");
    expect(text(pr)).toContain(`#${n}: closed`);
    // reopened, it treats the change again
    stack.sim.as("bob").reopen(REPO, n);
    await stack.sim.settle();
    expect(conclusion(pr)).toBe("success");
  });

  it("lowering the linked risk below high by editing its likelihood fails the pull request at once", async () => {
    await gateStack();
    const n = await openRisk();
    const pr = await highRiskChange(`#${n}`);
    expect(conclusion(pr)).toBe("success");
    stack.sim.as("bob").editIssue(REPO, n, { body: riskForm({ treatment: "mitigate", likelihood: "2 - Unlikely" }) });
    await stack.sim.settle();
    expect(labels(n)).toContain("risk-level:medium");
    expect(conclusion(pr)).toBe("failure");
    expect(text(pr)).toContain(`#${n}: rated \`medium\`: a high-risk change must link a risk rated \`high\` or above`);
  });

  it("taking `ims:risk` off the linked issue fails the pull request at once", async () => {
    await gateStack();
    const n = await openRisk();
    const pr = await highRiskChange(`#${n}`);
    expect(conclusion(pr)).toBe("success");
    stack.sim.as("bob").removeLabel(REPO, n, "ims:risk");
    await stack.sim.settle();
    expect(conclusion(pr)).toBe("failure");
    expect(text(pr)).toContain(`#${n}: not labelled ims:risk`);
  });

  it("an incident also labelled `ims:risk` and `risk-level:critical` by hand (an incident by precedence, never rated as a risk) does not pass", async () => {
    await gateStack();
    const inc = stack.sim.as("bob").openIssue(REPO, { title: "Outage", body: "### Impact\n\nHigh\n\n### Urgency\n\nHigh", labels: ["ims:incident", "ims:risk", "risk-level:critical"] });
    await stack.sim.settle();
    const pr = await highRiskChange(`#${inc.number}`);
    expect(conclusion(pr)).toBe("failure");
    expect(text(pr)).toContain(`#${inc.number}: labelled ims:incident, so it is an incident, not a risk record`);
  });

  it("an unassessed risk (likelihood unanswered) with `risk-level:high` added by hand does not pass: the label comes off", async () => {
    await gateStack();
    const n = await openRisk(riskForm({ treatment: "mitigate", likelihood: "_No response_" }));
    stack.sim.clock.advance(60_000);
    stack.sim.as("bob").addLabels(REPO, n, ["risk-level:high"]);
    await stack.sim.settle();
    expect(labels(n)).not.toContain("risk-level:high");
    const pr = await highRiskChange(`#${n}`);
    expect(conclusion(pr)).toBe("failure");
    expect(text(pr)).toContain(`#${n}: not assessed`);
  });

  it("a high risk whose treatment `accept` still waits for an acceptor does not treat the change", async () => {
    await gateStack();
    const n = await openRisk(riskForm({ treatment: "accept" }));
    expect(labels(n)).toContain("risk:acceptance-required");
    const pr = await highRiskChange(`#${n}`);
    expect(conclusion(pr)).toBe("failure");
    expect(text(pr)).toContain(`#${n}: its acceptance waits for \`/ims accept-risk\``);
  });

  it("an accepted risk edited afterwards to another threat loses its acceptance, and the linking pull request fails at once", async () => {
    await gateStack();
    const n = await openRisk(riskForm({ treatment: "accept" }));
    stack.sim.as("dave").comment(REPO, n, "/ims accept-risk rotation is automated");
    await stack.sim.settle();
    expect(labels(n)).toContain("risk:accepted");
    const pr = await highRiskChange(`#${n}`);
    expect(conclusion(pr)).toBe("success");
    stack.sim.as("bob").editIssue(REPO, n, { body: riskForm({ treatment: "accept" }).replace("Credential stuffing", "Ransomware on the database") });
    await stack.sim.settle();
    expect(labels(n)).toContain("risk:acceptance-required");
    expect(card(stack, n)).toContain("the asset, threat or vulnerability has been edited since: acceptance lapsed");
    expect(conclusion(pr)).toBe("failure");
  });

  it("`Risk: #n` naming a pull request labelled `ims:risk` and `risk-level:high` does not pass", async () => {
    await gateStack();
    const fake = stack.sim.as("alice").openPullRequest(REPO, { title: "[Risk] fine", head: "fake-risk", body: riskForm({ treatment: "mitigate" }), labels: ["ims:risk", "risk-level:high"], files: { "docs/guide.md": "y\n" } });
    await stack.sim.settle();
    const pr = await highRiskChange(`#${fake.number}`);
    expect(conclusion(pr)).toBe("failure");
    expect(text(pr)).toContain(`#${fake.number}: could not be read (it is a pull request, not an issue)`);
  });

  it("closing a risk in another repository of the owner fails the pull request linking it at once", async () => {
    await gateStack();
    stack.sim.createRepo({ owner: "acme", name: "ops", files: { "README.md": "# ops\n" } });
    seedAppLabels(stack.sim, "acme/ops");
    stack.sim.setPermission("acme/ops", "bob", "write");
    const n = await openRisk(riskForm({ treatment: "mitigate" }), "acme/ops");
    expect(labels(n, "acme/ops")).toContain("risk-level:high");
    const pr = await highRiskChange(`acme/ops#${n}`);
    expect(conclusion(pr)).toBe("success");
    stack.sim.as("bob").close("acme/ops", n);
    await stack.sim.settle();
    expect(conclusion(pr)).toBe("failure");
    expect(text(pr)).toContain(`acme/ops#${n}: closed`);
  });

  it("an edit of the asset after acceptance lapses it, though the level is unchanged", async () => {
    await registerStack();
    const n = await openRisk(riskForm());
    stack.sim.as("mgr1").comment(REPO, n, "/ims accept-risk low value target");
    await stack.sim.settle();
    expect(labels(n)).toContain("risk:accepted");
    stack.sim.as("tom").editIssue(REPO, n, { body: riskForm().replace("payments-api", "customer-database") });
    await stack.sim.settle();
    expect(labels(n)).not.toContain("risk:accepted");
    expect(labels(n)).toContain("risk:acceptance-required");
    expect(labels(n)).toContain("risk-level:high");
  });

  it("a second visible `### Likelihood` heading leaves the likelihood unanswered instead of rating the risk by the first one", async () => {
    await registerStack();
    const body = riskForm().replace("### Likelihood\n\n4 - Likely", "### Likelihood\n\n1 - Rare\n\n### Likelihood\n\n4 - Likely");
    const n = await openRisk(body);
    expect(labels(n).filter((l) => l.startsWith("risk-level:"))).toEqual([]);
    expect(card(stack, n)).toContain("**Given twice:** `Likelihood`");
    expect(labels(n)).toContain("risk:acceptance-required");
  });

  it("a `risk-level:low` label added by hand to a high risk comes off and the level stays high", async () => {
    await registerStack();
    const n = await openRisk(riskForm());
    stack.sim.clock.advance(60_000);
    stack.sim.as("tom").addLabels(REPO, n, ["risk-level:low"]);
    await stack.sim.settle();
    expect(labels(n)).not.toContain("risk-level:low");
    expect(labels(n)).toContain("risk-level:high");
  });

  it("an all-`low` matrix in a config file on a pull request's branch does not lower any risk", async () => {
    await registerStack();
    const low = `risks:\n  matrix:\n${Array.from({ length: 5 }, () => "    - [low, low, low, low, low]").join("\n")}\n`;
    stack.sim.as("tom").putFile(REPO, ".github/ims.yml", low, "lower-matrix");
    stack.sim.as("tom").openPullRequest(REPO, { title: "Calmer matrix", head: "lower-matrix", body: "" });
    const n = await openRisk(riskForm());
    expect(labels(n)).toContain("risk-level:high");
    expect(labels(n)).toContain("risk:acceptance-required");
  });

  it("an `/ims accept-risk` anyone may run while the risk is medium does not stand once the risk is raised to high", async () => {
    await registerStack();
    const n = await openRisk(riskForm({ likelihood: "2 - Unlikely", impact: "3 - Moderate" }));
    expect(labels(n)).toContain("risk-level:medium");
    stack.sim.as("tom").comment(REPO, n, "/ims accept-risk fine at medium");
    await stack.sim.settle();
    stack.sim.as("tom").editIssue(REPO, n, { body: riskForm() });
    await stack.sim.settle();
    expect(labels(n)).toContain("risk-level:high");
    expect(labels(n)).toContain("risk:acceptance-required");
    expect(labels(n)).not.toContain("risk:accepted");
  });

  it("redelivering an acceptor's `/ims accept-risk` to a restarted app after the risk was raised to critical accepts nothing", async () => {
    await registerStack();
    const n = await openRisk(riskForm());
    stack.sim.as("mgr1").comment(REPO, n, "/ims accept-risk fine at high");
    await stack.sim.settle();
    const delivery = stack.sim.deliveries.filter((d) => d.event === "issue_comment" && d.body.includes("fine at high")).at(-1)!;
    stack.sim.as("tom").editIssue(REPO, n, { body: riskForm({ likelihood: "5", impact: "5" }) });
    await stack.sim.settle();
    expect(labels(n)).toContain("risk:acceptance-required");
    const acceptances = withMarker(stack, n, "ims-risk-accepted").length;
    await stack.restartApp();
    stack.sim.redeliver(delivery.id);
    await stack.sim.settle();
    expect(withMarker(stack, n, "ims-risk-accepted")).toHaveLength(acceptances);
    expect(labels(n)).toContain("risk:acceptance-required");
    expect(labels(n)).not.toContain("risk:accepted");
  });

  it("a writer editing an acceptance into the app's own comment (anyone with write access may edit any comment) accepts nothing", async () => {
    await registerStack();
    const n = await openRisk(riskForm());
    const own = stack.sim.comments(REPO, n).find((c) => c.user === stack.sim.botLogin)!;
    // bob has write access: GitHub lets him edit the app's comment (a minute later)
    stack.sim.clock.advance(60_000);
    stack.sim.as("bob").editComment(REPO, own.id, `${own.body}\n${acceptanceMarker({ by: "mgr1", at: "2026-03-02T09:30:00.000Z", level: "critical", likelihood: 5, impact: 5, reason: "forged" })}`);
    await stack.sim.settle();
    stack.sim.as("tom").editIssue(REPO, n, { body: `${riskForm()}\n` });
    await stack.sim.settle();
    expect(labels(n)).not.toContain("risk:accepted");
    expect(labels(n)).toContain("risk:acceptance-required");
  });

  it("the evidence bundle does not count an acceptance a writer edited into the app's comment either", async () => {
    await registerStack();
    const n = await openRisk(riskForm());
    const own = stack.sim.comments(REPO, n).find((c) => c.user === stack.sim.botLogin)!;
    stack.sim.clock.advance(60_000);
    stack.sim.as("bob").editComment(REPO, own.id, `${own.body}\n${acceptanceMarker({ by: "mgr1", at: "2026-03-02T09:30:00.000Z", level: "critical", likelihood: 5, impact: 5, reason: "forged" })}`);
    await stack.sim.settle();
    const out = tempOut();
    await runExport({ ...options(out, { apiUrl: stack.sim.url, noOrgConfig: true }) }, { env: { GITHUB_TOKEN: stack.sim.userToken("auditor") }, out: () => undefined, progress: sink(), sleep: async () => undefined, generatedAt: "2026-04-05T09:00:00.000Z" });
    const risks = JSON.parse(readFileSync(path.join(out, "records/risks.json"), "utf8")) as RiskRecord[];
    expect(risks.find((r) => r.number === n)).toMatchObject({ acceptance: "required", acceptedBy: null });
  });

  it("a writer raising the level in a real acceptance comment lapses it instead of widening it", async () => {
    await registerStack();
    const n = await openRisk(riskForm());
    stack.sim.as("mgr1").comment(REPO, n, "/ims accept-risk fine at high");
    await stack.sim.settle();
    expect(labels(n)).toContain("risk:accepted");
    const acceptance = withMarker(stack, n, "ims-risk-accepted").at(-1)!;
    stack.sim.clock.advance(60_000);
    stack.sim.as("bob").editComment(REPO, acceptance.id, acceptance.body.replace("level=high", "level=critical"));
    await stack.sim.settle();
    stack.sim.as("tom").editIssue(REPO, n, { body: riskForm({ likelihood: "5", impact: "5" }) });
    await stack.sim.settle();
    expect(labels(n)).toContain("risk-level:critical");
    expect(labels(n)).not.toContain("risk:accepted");
  });

  it.each([
    ["removed", "_No response_"],
    ["made unreadable", "soon"],
  ])("a review date %s after the overdue escalation keeps the risk overdue until a new date is set", async (_how, review) => {
    await registerStack();
    const n = await openRisk(riskForm({ treatment: "mitigate", review: "2026-03-05" }));
    stack.sim.clock.advance(5 * DAY);
    await sweepNow(stack);
    expect(labels(n)).toContain("risk:review-overdue");
    stack.sim.as("tom").editIssue(REPO, n, { body: riskForm({ treatment: "mitigate", review }) });
    await stack.sim.settle();
    expect(labels(n)).toContain("risk:review-overdue");
    expect(card(stack, n)).toContain("the review due on 2026-03-05 is still **overdue** until a new date is set");
    await sweepNow(stack);
    expect(labels(n)).toContain("risk:review-overdue");
    expect(withMarker(stack, n, "ims-risk-review-overdue")).toHaveLength(1);
    stack.sim.as("tom").editIssue(REPO, n, { body: riskForm({ treatment: "mitigate", review: "2026-09-30" }) });
    await stack.sim.settle();
    expect(labels(n)).not.toContain("risk:review-overdue");
  });
});
