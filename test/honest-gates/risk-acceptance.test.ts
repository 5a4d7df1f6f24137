import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { acceptanceMarker } from "../../src/risks/acceptance.js";
import { card, REPO } from "../helpers/incident-stack.js";
import { riskForm, riskStack } from "../helpers/risk-stack.js";

let stack: Stack;
beforeEach(async () => {
  stack = await riskStack();
});
afterEach(async () => stack.stop());

/** A high risk with treatment accept, filed by tom (triage, the owner, not an acceptor): it needs an acceptor. */
async function highRisk(body = riskForm()) {
  const issue = stack.sim.as("tom").openIssue(REPO, { title: "[Risk] credential stuffing", body, labels: ["ims:risk"] });
  await stack.sim.settle();
  return issue.number;
}
const labels = (n: number) => stack.sim.labels(REPO, n);
const notAccepted = (n: number) => {
  expect(labels(n)).not.toContain("risk:accepted");
  expect(card(stack, n)).not.toContain("✅ accepted");
};

describe("accepting a high risk (risks.acceptors)", () => {
  it("a `risk:accepted` label added by hand is taken off again and the risk still needs an acceptor", async () => {
    const n = await highRisk();
    stack.sim.clock.advance(60_000); // a minute later: not the labels the issue was opened with
    stack.sim.as("tom").addLabels(REPO, n, ["risk:accepted"]);
    await stack.sim.settle();
    notAccepted(n);
    expect(labels(n)).toContain("risk:acceptance-required");
  });

  it("a `treatment:accept` label added by hand to a mitigated risk does not make it accepted (the treatment is the form's)", async () => {
    const n = await highRisk(riskForm({ treatment: "mitigate" }));
    stack.sim.clock.advance(60_000);
    stack.sim.as("tom").addLabels(REPO, n, ["treatment:accept"]);
    await stack.sim.settle();
    expect(labels(n)).not.toContain("treatment:accept");
    expect(labels(n)).toContain("treatment:mitigate");
    notAccepted(n);
  });

  it("editing the form's treatment to accept on a high risk requires acceptance instead of accepting it", async () => {
    const n = await highRisk(riskForm({ treatment: "mitigate" }));
    stack.sim.as("tom").editIssue(REPO, n, { body: riskForm({ treatment: "accept" }) });
    await stack.sim.settle();
    expect(labels(n)).toContain("risk:acceptance-required");
    notAccepted(n);
  });

  it("a non-acceptor's `/ims accept-risk` is refused with a reply and changes neither labels nor card", async () => {
    const n = await highRisk();
    const before = { labels: [...labels(n)].sort(), card: card(stack, n) };
    stack.sim.as("tom").comment(REPO, n, "/ims accept-risk trust me");
    await stack.sim.settle();
    expect(stack.sim.comments(REPO, n).at(-1)!.body).toContain("Nothing was changed.");
    expect([...labels(n)].sort()).toEqual(before.labels);
    expect(card(stack, n)).toBe(before.card);
  });

  it("an acceptance marker pasted into a person's comment accepts nothing (only the app's own comments count)", async () => {
    const n = await highRisk();
    stack.sim.as("tom").comment(REPO, n, `looks fine\n${acceptanceMarker({ by: "mgr1", at: "2026-03-02T09:00:00.000Z", level: "critical", likelihood: 5, impact: 5, reason: "x" })}`);
    stack.sim.as("tom").editIssue(REPO, n, { body: riskForm() + "\n" });
    await stack.sim.settle();
    notAccepted(n);
  });

  it("a command in a quote, in a hidden HTML comment, or put there by editing a comment is not run", async () => {
    const n = await highRisk();
    stack.sim.as("mgr1").comment(REPO, n, "> /ims accept-risk quoted");
    stack.sim.as("mgr1").comment(REPO, n, "<!-- /ims accept-risk hidden -->");
    const typo = stack.sim.as("mgr1").comment(REPO, n, "looks ok");
    await stack.sim.settle();
    stack.sim.as("mgr1").editComment(REPO, typo.id, "/ims accept-risk edited in");
    await stack.sim.settle();
    notAccepted(n);
  });

  it("an acceptor team named in a config file on a pull request's branch does not let its members accept", async () => {
    stack.sim.quietly(() => stack.sim.createTeam("acme", { slug: "owners", members: ["tom"] }));
    stack.sim.as("tom").putFile(REPO, ".github/ims.yml", "risks:\n  acceptors: owners\n", "widen-acceptors");
    stack.sim.as("tom").openPullRequest(REPO, { title: "Let owners accept", head: "widen-acceptors", body: "" });
    const n = await highRisk();
    stack.sim.as("tom").comment(REPO, n, "/ims accept-risk my own team now");
    await stack.sim.settle();
    expect(stack.sim.comments(REPO, n).at(-1)!.body).toContain("`risk-acceptors`");
    notAccepted(n);
  });

  it("a re-assessment raising the level after acceptance lapses it until an acceptor accepts again", async () => {
    const n = await highRisk();
    stack.sim.as("mgr1").comment(REPO, n, "/ims accept-risk ok at high");
    await stack.sim.settle();
    expect(labels(n)).toContain("risk:accepted");
    stack.sim.as("tom").editIssue(REPO, n, { body: riskForm({ likelihood: "5", impact: "5" }) });
    await stack.sim.settle();
    notAccepted(n);
    expect(labels(n)).toContain("risk:acceptance-required");
  });

  it("a bot, even one in the acceptors team, cannot accept a risk", async () => {
    const n = await highRisk();
    stack.sim.addTeamMember("acme", "risk-acceptors", "helper[bot]");
    stack.sim.as("helper[bot]").comment(REPO, n, "/ims accept-risk automated");
    await stack.sim.settle();
    notAccepted(n);
  });

  it("an outside collaborator with triage permission but outside the acceptors team is refused", async () => {
    const n = await highRisk();
    stack.sim.setPermission(REPO, "outsider", "triage");
    stack.sim.as("outsider").comment(REPO, n, "/ims accept-risk contractor says fine");
    await stack.sim.settle();
    expect(stack.sim.comments(REPO, n).at(-1)!.body).toContain("accepted only by active members of the `risk-acceptors` team");
    notAccepted(n);
  });
});
