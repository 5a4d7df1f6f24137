import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, form, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

/** Hands the app the deliveries `change` makes (as GitHub would POST them), settled or failed. */
function deliver(change: () => void): Promise<PromiseSettledResult<void>[]> {
  const { sim } = stack;
  const since = sim.deliveries.length;
  change();
  return Promise.allSettled(sim.deliveries.slice(since).map((d) => stack.probot.receive({ id: d.id, name: d.event, payload: JSON.parse(d.body) } as never)));
}

it("events of a record that arrive while its evaluation is held in a write are not lost and do not wait: the running evaluation evaluates once more, and the labels reflect every event", async () => {
  const { sim } = stack;
  sim.setWebhookUrl(undefined);
  let n = 0;
  const opened = await deliver(() => (n = sim.as("tom").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] }).number));
  expect(opened.every((r) => r.status === "fulfilled")).toBe(true);
  expect(sim.labels(REPO, n)).toContain("priority:P1");

  // the first event's evaluation is held in its label write (paced behind the content ledger, say);
  // two more events of the record arrive meanwhile, and are handled (not waiting for the lock) before it goes on
  let during: PromiseSettledResult<void>[] = [];
  sim.beforeNext("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", async () => {
    during = await deliver(() => {
      sim.as("bob").addLabels(REPO, n, ["urgency:low"]);
      sim.as("bob").addLabels(REPO, n, ["customer-facing"]);
    });
  });
  const first = await deliver(() => sim.as("bob").addLabels(REPO, n, ["impact:low"]));

  expect(during.length).toBeGreaterThanOrEqual(2);
  expect([...first, ...during].filter((r) => r.status !== "fulfilled")).toEqual([]);
  // impact low and urgency low: P4, not the P3 of the first event alone
  const priorities = sim.labels(REPO, n).filter((l) => l.startsWith("priority:"));
  expect(priorities).toEqual(["priority:P4"]);
  expect(sim.labels(REPO, n)).toEqual(expect.arrayContaining(["impact:low", "urgency:low", "customer-facing"]));
});
