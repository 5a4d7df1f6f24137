import { afterEach, beforeAll, expect, it } from "vitest";
import { incidentForm } from "../../src/demo/forms.js";
import type { Simulator } from "../../src/simulator/index.js";
import { ensureBuilt, settleProcesses, startAppProcess, stopAllProcesses } from "../helpers/processes.js";
import { REPO, clusterSimulator } from "./cluster-scenarios.js";

// A real `probot run` process (production throttling) against the simulator.
let sim: Simulator | undefined;
beforeAll(ensureBuilt, 240_000);
afterEach(async () => {
  await stopAllProcesses();
  await sim?.stop();
  sim = undefined;
});

const COMMENTS = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";

it("a secondary-limit 403 on the card is retried after GitHub's Retry-After, and the record gets its card", async () => {
  sim = await clusterSimulator();
  const app = await startAppProcess(sim);
  sim.setWebhookUrl(app.webhookUrl);
  // GitHub's answer when content is created too fast: 403, "You have exceeded a secondary rate limit", Retry-After
  sim.failNext(COMMENTS, 403, 1, { retryAfter: 1 });
  const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: incidentForm({ impact: "High", urgency: "High", service: "web", what: "500s." }), labels: ["ims:incident"] });
  await settleProcesses(sim, [app]);
  const attempts = sim.requestLog.filter((r) => r.route === COMMENTS && r.actor === sim!.botLogin).map((r) => r.status);
  expect(attempts).toEqual([403, 201]);
  expect(sim.comments(REPO, issue.number).filter((c) => c.body.startsWith("<!-- ims-card -->"))).toHaveLength(1);
});
