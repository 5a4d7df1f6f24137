import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { form, MIN, REPO, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

it("a service answer over two lines, or with a control character, gets one trend problem, not one more per incident", async () => {
  const { sim } = stack;
  const services = ["pay\nments", "pay\nments", "pay\nments", "Pay\r\nments", "pay\u0007\nments", "pay  ments"];
  for (const [k, service] of services.entries()) {
    sim.as("alice").openIssue(REPO, { title: `Checkout down ${k}`, body: form("Low", "Low", service), labels: ["ims:incident"] });
    await sim.settle();
    sim.clock.advance(MIN);
  }
  expect(sim.deliveries.filter((d) => d.status >= 400)).toEqual([]);
  const problems = [];
  for (let n = 1; n <= services.length + 3; n++) {
    try {
      const i = sim.issue(REPO, n);
      if (i.labels.includes("ims:problem") && i.state === "open") problems.push(n);
    } catch {
      break;
    }
  }
  expect(problems).toHaveLength(1);
});
