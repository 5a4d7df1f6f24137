import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, form, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

const ADD = "POST /repos/{owner}/{repo}/issues/{issue_number}/labels";
const REMOVE = "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}";
const priorities = (labels: string[]) => labels.filter((l) => l.startsWith("priority:"));

it("a record moving from one priority to another carries one at every moment (the new one is added before the old one goes)", async () => {
  const { sim } = stack;
  const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  expect(priorities(sim.labels(REPO, issue.number))).toEqual(["priority:P1"]);

  // what anyone reading the issue (a dashboard, another replica) would see while the app is between its calls
  const seen: string[][] = [];
  const watch = (): void => {
    seen.push(priorities(sim.labels(REPO, issue.number)));
  };
  sim.beforeNext(ADD, watch);
  sim.beforeNext(REMOVE, watch);
  sim.resetRequestLog();
  sim.as("tom").addLabels(REPO, issue.number, ["impact:low"]);
  await sim.settle();
  watch();

  const after = priorities(sim.labels(REPO, issue.number));
  expect(after).toHaveLength(1);
  expect(after).not.toEqual(["priority:P1"]);
  expect(seen.length).toBeGreaterThanOrEqual(3);
  for (const moment of seen) expect(moment.length).toBeGreaterThan(0);
  const routes = sim.requestLog.filter((r) => r.actor === sim.botLogin && (r.route === ADD || r.route === REMOVE)).map((r) => r.route);
  expect(routes).toEqual([ADD, REMOVE]);
});
