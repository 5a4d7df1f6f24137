import { afterEach, describe, expect, it } from "vitest";
import { seedAppLabels } from "../../src/demo/labels.js";
import type { Stack } from "../../src/demo/stack.js";
import { changeStack, checkOf, CHECK, extraRepo, openChange, REPO, summary } from "../helpers/change-stack.js";
import { riskForm } from "../helpers/risk-stack.js";

/**
 * Red team of what re-checks the pull requests linking a risk record (`change.requireRiskRecord`)
 * beyond an `issues` event on it: an acceptance by `/ims accept-risk`, an acceptance lapsing because
 * its comment was edited or deleted, and the risk transferred to another repository or deleted. The
 * app's own label changes send webhooks the app skips, so each of these must re-check at once, on the
 * pull request's head commit, and fail closed; and nobody who may not accept can cause one.
 */
let stack: Stack;
afterEach(async () => stack.stop());

const text = (n: number, repo = REPO) => summary(checkOf(stack, n, repo)).replace(/\\/g, "");
const conclusion = (pr: number, repo = REPO) => checkOf(stack, pr, repo)?.conclusion;
const labels = (n: number, repo = REPO) => stack.sim.labels(repo, n);
const SEARCH = "GET /search/issues";
/** Deliveries the app failed to handle (answered 4xx/5xx): each handler must take these events in its stride. */
const failed = () => stack.sim.deliveries.filter((d) => d.status >= 400).map((d) => `${d.event}.${d.action}`);
const lastReply = (n: number) => stack.sim.comments(REPO, n).at(-1)?.body ?? "";
/** Check runs the app wrote (created or updated) since the request log was reset. */
const checkWrites = () => Object.entries(stack.sim.requestCounts()).filter(([route]) => /^(POST|PATCH) \/repos\/\{owner\}\/\{repo\}\/check-runs/.test(route)).reduce((n, [, c]) => n + c, 0);

/** The change stack with `change.requireRiskRecord` on and dave in `risk-acceptors`. */
async function gateStack() {
  stack = await changeStack({ config: "change:\n  requireRiskRecord: true\n" });
  stack.sim.quietly(() => stack.sim.createTeam("acme", { slug: "risk-acceptors", members: ["dave"] }));
}
/** A high risk record filed by bob (default treatment: accept, so it waits for an acceptor). */
async function openRisk(body = riskForm(), repo = REPO) {
  const issue = stack.sim.as("bob").openIssue(repo, { title: "[Risk] certificate expiry", body, labels: ["ims:risk"] });
  await stack.sim.settle();
  return issue.number;
}
/** A high-risk normal change by alice linking `risk`, approved by sec1 and erin: only the risk record can fail it. */
async function highRiskChange(risk: string, head = "rotate-cert") {
  const pr = openChange(stack, { body: `Rotate it.\n\nChange: #1\nRisk: ${risk}`, labels: ["ims:change", "risk:high"], head });
  stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
  stack.sim.as("erin").review(REPO, pr.number, "APPROVE");
  await stack.sim.settle();
  return pr.number;
}
async function accept(n: number, who = "dave") {
  stack.sim.as(who).comment(REPO, n, "/ims accept-risk rotation is automated");
  await stack.sim.settle();
}

describe("red team: what re-checks the pull requests linking a risk", () => {
  it("an acceptor's `/ims accept-risk` passes the failing pull request at once, on its head commit, with no search", async () => {
    await gateStack();
    const n = await openRisk();
    const pr = await highRiskChange(`#${n}`);
    expect(conclusion(pr)).toBe("failure");
    expect(text(pr)).toContain(`#${n}: its acceptance waits for \`/ims accept-risk\``);
    const head = stack.sim.pull(REPO, pr).pull.headSha;
    stack.sim.resetRequestLog();
    await accept(n);
    expect(labels(n)).toContain("risk:accepted");
    // the newest run on the head commit passes: a check run belongs to a commit, not to a pull request
    const run = stack.sim.checkRuns(REPO, head).filter((c) => c.name === CHECK).at(-1);
    expect(run?.conclusion).toBe("success");
    expect(summary(run).replace(/\\/g, "")).toContain(`treated in #${n}`);
    expect(lastReply(n)).toContain(`Re-checked the pull requests linking it: #${pr}`);
    expect(stack.sim.requestCounts()[SEARCH] ?? 0).toBe(0);
  });

  it("`/ims accept-risk` by someone outside the acceptors is refused and re-checks nothing: the pull request stays failing", async () => {
    await gateStack();
    const n = await openRisk();
    const pr = await highRiskChange(`#${n}`);
    stack.sim.resetRequestLog();
    await accept(n, "bob");
    expect(lastReply(n)).toContain("is accepted only by active members of the `risk-acceptors` team");
    expect(labels(n)).toContain("risk:acceptance-required");
    expect(conclusion(pr)).toBe("failure");
    expect(checkWrites()).toBe(0);
  });

  it("repeating `/ims accept-risk` on a risk already accepted changes no label and re-checks no pull request", async () => {
    await gateStack();
    const n = await openRisk();
    const pr = await highRiskChange(`#${n}`);
    await accept(n);
    expect(conclusion(pr)).toBe("success");
    stack.sim.resetRequestLog();
    await accept(n);
    expect(lastReply(n)).not.toContain("Re-checked");
    expect(checkWrites()).toBe(0);
  });

  it("a writer editing the app's acceptance comment lapses the acceptance and fails the pull request at once", async () => {
    await gateStack();
    const n = await openRisk();
    const pr = await highRiskChange(`#${n}`);
    await accept(n);
    expect(conclusion(pr)).toBe("success");
    const own = stack.sim.comments(REPO, n).find((c) => c.user === stack.sim.botLogin && c.body.includes("ims-risk-accepted"))!;
    stack.sim.clock.advance(60_000);
    stack.sim.as("bob").editComment(REPO, own.id, `${own.body}\n(reworded)`);
    await stack.sim.settle();
    expect(labels(n)).toContain("risk:acceptance-required");
    expect(conclusion(pr)).toBe("failure");
    expect(text(pr)).toContain(`#${n}: its acceptance waits for \`/ims accept-risk\``);
  });

  it("a writer deleting the app's acceptance comment withdraws the acceptance and fails the pull request at once", async () => {
    await gateStack();
    const n = await openRisk();
    const pr = await highRiskChange(`#${n}`);
    await accept(n);
    expect(conclusion(pr)).toBe("success");
    const own = stack.sim.comments(REPO, n).find((c) => c.user === stack.sim.botLogin && c.body.includes("ims-risk-accepted"))!;
    stack.sim.as("bob").deleteComment(REPO, own.id);
    await stack.sim.settle();
    expect(labels(n)).toContain("risk:acceptance-required");
    expect(conclusion(pr)).toBe("failure");
    expect(failed()).toEqual([]);
  });

  it("a person's own comment pasting an acceptance marker, edited, re-checks nothing", async () => {
    await gateStack();
    const n = await openRisk();
    const pr = await highRiskChange(`#${n}`);
    const mine = stack.sim.as("bob").comment(REPO, n, "<!-- ims-risk-accepted by=dave at=2026-03-02T09:00:00.000Z level=critical likelihood=5 impact=5 reason= -->");
    await stack.sim.settle();
    stack.sim.resetRequestLog();
    stack.sim.as("bob").editComment(REPO, mine.id, `${mine.body} `);
    await stack.sim.settle();
    expect(Object.values(stack.sim.requestCounts()).reduce((a, b) => a + b, 0)).toBe(0);
    expect(conclusion(pr)).toBe("failure");
  });

  it("transferring the linked risk to another repository fails the passing pull request at once, naming where it went", async () => {
    await gateStack();
    const ops = extraRepo(stack, "ops", ["bob"]);
    const n = await openRisk(riskForm({ treatment: "mitigate" }));
    const pr = await highRiskChange(`#${n}`);
    expect(conclusion(pr)).toBe("success");
    const moved = stack.sim.as("bob").transferIssue(REPO, n, ops);
    await stack.sim.settle();
    // the old link is answered by a redirect to the risk in its new place, still open and rated high there
    expect(labels(moved.number, ops)).toContain("risk-level:high");
    expect(conclusion(pr)).toBe("failure");
    expect(text(pr)).toContain(`#${n}: could not be read (it was transferred to ${ops}#${moved.number}`);
    expect(failed()).toEqual([]);
    // linked where it is now, it treats the change again
    stack.sim.as("alice").editPullRequest(REPO, pr, { body: `Rotate it.\n\nChange: #1\nRisk: ${ops}#${moved.number}` });
    await stack.sim.settle();
    expect(conclusion(pr)).toBe("success");
  });

  it("an accepted risk transferred to another repository is not accepted there: that repository's acceptors have not accepted it", async () => {
    await gateStack();
    const ops = extraRepo(stack, "ops", ["bob"]);
    const n = await openRisk();
    await accept(n);
    expect(labels(n)).toContain("risk:accepted");
    const moved = stack.sim.as("bob").transferIssue(REPO, n, ops);
    await stack.sim.settle();
    // the app's acceptance comment moved with the issue, and the labels with it (ops has them by name)
    expect(labels(moved.number, ops)).toContain("risk:acceptance-required");
    expect(labels(moved.number, ops)).not.toContain("risk:accepted");
    const pr = await highRiskChange(`${ops}#${moved.number}`);
    expect(conclusion(pr)).toBe("failure");
    expect(text(pr)).toContain(`${ops}#${moved.number}: its acceptance waits for \`/ims accept-risk\``);
  });

  it("deleting the linked risk fails the passing pull requests at once, in its repository and in the owner's other ones", async () => {
    await gateStack();
    const ops = "acme/ops";
    stack.sim.createRepo({ owner: "acme", name: "ops", files: { "README.md": "# ops\n", ".github/ims.yml": "change:\n  requireRiskRecord: true\n" } });
    seedAppLabels(stack.sim, ops);
    for (const u of ["alice", "sec1", "bob"]) stack.sim.setPermission(ops, u, "write");
    stack.sim.setPermission(ops, "erin", "maintain");
    const n = await openRisk(riskForm({ treatment: "mitigate" }));
    const pr = await highRiskChange(`#${n}`);
    stack.sim.as("bob").openIssue(ops, { title: "Rotate the certificate", body: "### Risk\n\nLow\n\n### Rollback plan\n\nRevert.\n\n### Test plan\n\nStaging.", labels: ["ims:change"] });
    const other = stack.sim.as("alice").openPullRequest(ops, { title: "Rotate there too", head: "rotate-ops", body: `Rotate it.\n\nChange: #1\nRisk: ${REPO}#${n}`, labels: ["ims:change", "risk:high"], files: { "infra/ops.tf": "b\n" } });
    stack.sim.as("sec1").review(ops, other.number, "APPROVE");
    stack.sim.as("erin").review(ops, other.number, "APPROVE");
    await stack.sim.settle();
    expect(conclusion(pr)).toBe("success");
    expect(conclusion(other.number, ops)).toBe("success");
    expect(text(other.number, ops)).toContain(`treated in ${REPO}#${n}`);
    stack.sim.resetRequestLog();
    stack.sim.as("org-admin").deleteIssue(REPO, n);
    await stack.sim.settle();
    expect(conclusion(pr)).toBe("failure");
    expect(text(pr)).toContain(`#${n}: could not be read (it was deleted (HTTP 410))`);
    expect(conclusion(other.number, ops)).toBe("failure");
    expect(text(other.number, ops)).toContain(`${REPO}#${n}: could not be read (it was deleted (HTTP 410))`);
    expect(stack.sim.requestCounts()[SEARCH] ?? 0).toBe(0);
    expect(failed()).toEqual([]);
  });
});
