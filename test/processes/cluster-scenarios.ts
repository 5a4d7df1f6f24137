import { expect } from "vitest";
import { incidentForm } from "../../src/demo/forms.js";
import { seedAppLabels } from "../../src/demo/labels.js";
import { startSimulator, type Simulator } from "../../src/simulator/index.js";
import { settleProcesses, startAppProcess } from "../helpers/processes.js";

/**
 * The cluster scenarios of issue 10 (section 5) against real `probot run` replicas. Each returns
 * after its assertions; cluster.test.ts runs those that hold today. Today (no store in the guard yet)
 * `redeliveryToRestartedProcess` fails (the restarted process labels and comments again: a second
 * card) and `sameDeliveryToBoth` fails (both replicas write: two cards).
 */

export const REPO = "acme/web";

export async function clusterSimulator(): Promise<Simulator> {
  const sim = await startSimulator({ webhookSecret: "ims-cluster-secret", now: "2026-03-02T09:00:00Z" });
  sim.createOrg("acme", { members: ["alice", "bob"] });
  sim.createRepo({ owner: "acme", name: "web" });
  sim.setPermission(REPO, "alice", "write");
  sim.setPermission(REPO, "bob", "write");
  // a person's issue gets only labels that exist, as on GitHub
  seedAppLabels(sim, REPO);
  return sim;
}

const writes = (sim: Simulator) => sim.requestLog.filter((r) => r.method !== "GET" && r.actor === sim.botLogin);
const cards = (sim: Simulator, n: number) => sim.comments(REPO, n).filter((c) => c.body.startsWith("<!-- ims-card -->"));
const incident = { title: "Checkout down", body: incidentForm({ impact: "High", urgency: "High", service: "web", what: "500s." }), labels: ["ims:incident"] };

/** A redelivery of `issues.opened` to a restarted process (no Redis): it makes no write. */
export async function redeliveryToRestartedProcess(sim: Simulator): Promise<void> {
  let app = await startAppProcess(sim, { name: "a" });
  sim.setWebhookUrl(app.webhookUrl);
  const issue = sim.as("alice").openIssue(REPO, incident);
  await settleProcesses(sim, [app]);
  expect(cards(sim, issue.number)).toHaveLength(1);
  app = await app.restart(); // its memory of handled deliveries is gone
  sim.setWebhookUrl(app.webhookUrl);
  const before = writes(sim).length;
  const since = sim.deliveries.length;
  const opened = sim.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
  sim.redeliver(opened.id);
  await settleProcesses(sim, [app], { since });
  expect(writes(sim).slice(before).map((r) => r.route)).toEqual([]);
  expect(cards(sim, issue.number)).toHaveLength(1);
}

/** The same delivery sent to two replicas at once (one Redis): one set of writes. */
export async function sameDeliveryToBoth(sim: Simulator, redisUrl: string): Promise<void> {
  const env = { REDIS_URL: redisUrl };
  const [a, b] = await Promise.all([startAppProcess(sim, { name: "a", env }), startAppProcess(sim, { name: "b", env })]);
  sim.setWebhookUrl(undefined); // the test hands each delivery to the replicas it chooses
  const issue = sim.as("alice").openIssue(REPO, incident);
  const opened = sim.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
  const since = sim.deliveries.length;
  const answers = await Promise.all([sim.sendTo(opened.id, a.webhookUrl), sim.sendTo(opened.id, b.webhookUrl)]);
  expect(answers.every((d) => d.status === 200 || d.status === 202)).toBe(true);
  await settleProcesses(sim, [a, b], { since });
  expect(cards(sim, issue.number)).toHaveLength(1);
  const labelWrites = writes(sim).filter((r) => r.route === "POST /repos/{owner}/{repo}/issues/{issue_number}/labels");
  expect(labelWrites).toHaveLength(1);
}

/** Two different events of one record sent to the two replicas at once: a consistent result, one card. */
export async function twoEventsOfOneRecord(sim: Simulator, redisUrl: string): Promise<void> {
  const env = { REDIS_URL: redisUrl };
  const [a, b] = await Promise.all([startAppProcess(sim, { name: "a", env }), startAppProcess(sim, { name: "b", env })]);
  sim.setWebhookUrl(undefined);
  const issue = sim.as("alice").openIssue(REPO, incident);
  sim.as("bob").comment(REPO, issue.number, "Looking into it.");
  const [opened, commented] = [sim.deliveries.find((d) => d.event === "issues" && d.action === "opened")!, sim.deliveries.find((d) => d.event === "issue_comment")!];
  const since = sim.deliveries.length;
  await Promise.all([sim.sendTo(opened.id, a.webhookUrl), sim.sendTo(commented.id, b.webhookUrl)]);
  await settleProcesses(sim, [a, b], { since });
  expect(cards(sim, issue.number)).toHaveLength(1);
  expect(sim.labels(REPO, issue.number).filter((l) => l.startsWith("priority:"))).toEqual(["priority:P1"]);
}

/**
 * An `opened` handled after a later event of its record (a queue, a slow replica): the labels the app
 * set meanwhile stay, and no old priority comes back from the stale payload.
 */
export async function openedHandledLate(sim: Simulator): Promise<void> {
  const app = await startAppProcess(sim, { name: "a" });
  sim.setWebhookUrl(undefined); // the test hands each delivery over in the order it chooses
  const issue = sim.as("alice").openIssue(REPO, incident);
  sim.as("bob").addLabels(REPO, issue.number, ["impact:low"]);
  const opened = sim.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
  const labeled = sim.deliveries.find((d) => d.action === "labeled" && (JSON.parse(d.body) as { label: { name: string } }).label.name === "impact:low")!;
  const since = sim.deliveries.length;
  await sim.sendTo(labeled.id, app.webhookUrl);
  await settleProcesses(sim, [app], { since });
  const priority = () => sim.labels(REPO, issue.number).filter((l) => l.startsWith("priority:"));
  const meanwhile = priority();
  expect(meanwhile).toHaveLength(1);
  expect(meanwhile).not.toEqual(["priority:P1"]); // impact:low by a person wins over the form's High
  await sim.sendTo(opened.id, app.webhookUrl);
  await settleProcesses(sim, [app], { since });
  expect(priority()).toEqual(meanwhile);
  expect(cards(sim, issue.number)).toHaveLength(1);
}
