import { createRequire } from "node:module";
import { expect, it } from "vitest";
import { setup } from "./helpers.js";

const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples") as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

/** Keys in the examples that depend on features the simulator does not model. */
const NOT_MODELLED = /\.(milestone|deployment|license|performed_via_github_app|requested_action)\b|\.app\.permissions\./;

function missingKeys(example: unknown, actual: unknown, path: string, out: string[]): void {
  if (!example || !actual || typeof example !== "object" || typeof actual !== "object") return;
  if (Array.isArray(example)) {
    if (Array.isArray(actual) && example[0] && actual[0]) missingKeys(example[0], actual[0], `${path}[0]`, out);
    return;
  }
  for (const [key, value] of Object.entries(example)) {
    const next = `${path}.${key}`;
    if (!(key in actual)) out.push(next);
    else missingKeys(value, (actual as Record<string, unknown>)[key], next, out);
  }
}

it("emits webhook payloads with every key of the @octokit/webhooks-examples payloads", async () => {
  const { sim, octokit, receiver } = await setup();
  sim.createTeam("acme", { slug: "security", members: ["sec1"] });
  // a person applies only labels that exist: made first (label.created)
  sim.as("alice").createLabel("acme/web", { name: "ims:incident" });
  const issue = sim.as("alice").openIssue("acme/web", { title: "x", labels: ["ims:incident"] });
  sim.as("alice").editIssue("acme/web", issue.number, { body: "y" });
  const comment = sim.as("alice").comment("acme/web", issue.number, "c");
  sim.as("alice").editComment("acme/web", comment.id, "d");
  sim.as("alice").assign("acme/web", issue.number, ["alice"]);
  sim.as("alice").removeLabel("acme/web", issue.number, "ims:incident");
  sim.as("alice").close("acme/web", issue.number);
  sim.as("alice").reopen("acme/web", issue.number);
  const pr = sim.as("alice").openPullRequest("acme/web", { title: "t", head: "f", files: { a: "1" }, labels: ["ims:change"], draft: true });
  sim.as("alice").readyForReview("acme/web", pr.number);
  sim.as("alice").pushCommits("acme/web", pr.number, [{ message: "m", files: { a: "2" } }]);
  const review = sim.as("sec1").review("acme/web", pr.number, "APPROVE");
  sim.as("erin").dismissReview("acme/web", pr.number, review.id, "stale");
  const run = await octokit.checks.create({ owner: "acme", repo: "web", name: "c", head_sha: pr.pull.headSha, conclusion: "success" });
  sim.as("bob").rerequestCheck(run.data.id);
  sim.as("bob").rerequestCheckSuite("acme/web", pr.pull.headSha);
  const queued = sim.as("alice").openPullRequest("acme/web", { title: "q", head: "q", files: { q: "1" } });
  sim.as("bob").enqueue("acme/web", queued.number);
  sim.as("bob").merge("acme/web", pr.number);
  sim.as("alice").deleteComment("acme/web", comment.id);
  // a workflow's token sends it: ims-bot's installation has no contents: write
  sim.as("alice").dispatch("acme/web", "on-demand-test");
  await sim.settle();

  const missing: string[] = [];
  const covered = new Set<string>();
  for (const r of receiver.received) {
    const action = r.payload.action ?? "";
    const example = examples.find((e) => e.name === r.event)?.examples.find((x) => (x.action ?? "") === action);
    if (!example) continue;
    covered.add(`${r.event}.${action}`);
    missingKeys(example, r.payload, `${r.event}.${action}`, missing);
  }
  expect(missing.filter((m) => !NOT_MODELLED.test(m))).toEqual([]);
  expect([...covered].sort()).toEqual(expect.arrayContaining([
    "check_run.completed", "check_run.created", "check_run.rerequested", "check_suite.rerequested", "merge_group.checks_requested", "issue_comment.created", "issue_comment.deleted",
    "issue_comment.edited", "issues.assigned", "issues.edited", "issues.labeled", "issues.opened",
    "issues.reopened", "issues.unlabeled", "label.created", "membership.added", "pull_request.closed", "pull_request.labeled",
    "pull_request.opened", "pull_request.ready_for_review", "pull_request.synchronize", "pull_request_review.dismissed",
    "pull_request_review.submitted", "push.", "repository_dispatch.on-demand-test",
  ]));
  await sim.stop();
  await receiver.close();
});
