import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, form, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

/** Handles one issue comment, then returns its delivery id. */
async function handledComment(): Promise<string> {
  const { sim } = stack;
  const i = sim.as("bob").openIssue(REPO, { title: "Odd login", body: form("Medium", "Medium", "auth"), labels: ["ims:incident"] });
  await sim.settle();
  sim.as("tom").comment(REPO, i.number, "/ims help");
  await sim.settle();
  return sim.deliveries.find((d) => d.event === "issue_comment" && (JSON.parse(d.body) as { comment: { body: string } }).comment.body === "/ims help")!.id;
}
const appRequests = () => stack.sim.requestLog.filter((r) => r.actor === stack.sim.botLogin && !r.route.includes("access_tokens"));

it("a second instance sharing the first one's store drops a delivery the first handled, before any API call", async () => {
  const id = await handledComment();
  await stack.restartApp({ store: stack.store });
  stack.sim.resetRequestLog();
  stack.sim.redeliver(id);
  await stack.sim.settle();
  expect(stack.sim.deliveries.at(-1)!.status).toBe(200);
  expect(appRequests()).toEqual([]);
});

it("an instance with a store of its own (another process) reads GitHub again for that delivery", async () => {
  const id = await handledComment();
  await stack.restartApp();
  stack.sim.resetRequestLog();
  stack.sim.redeliver(id);
  await stack.sim.settle();
  expect(stack.sim.deliveries.at(-1)!.status).toBe(200);
  expect(appRequests().length).toBeGreaterThan(0);
  // the reply exists already: reading GitHub, the new instance writes nothing
  expect(appRequests().filter((r) => r.method !== "GET")).toEqual([]);
});
