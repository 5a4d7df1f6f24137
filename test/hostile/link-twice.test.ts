import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, form, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

it("links an incident and a problem once, however often /ims link is given", async () => {
  const { sim } = stack;
  const inc = sim.as("bob").openIssue(REPO, { title: "Down", body: form("Medium", "Low", "search"), labels: ["ims:incident"] });
  const prob = sim.as("bob").openIssue(REPO, { title: "Search flaky", body: "### Affected service\n\nsearch", labels: ["ims:problem"] });
  await sim.settle();
  for (let k = 0; k < 3; k++) {
    sim.as("tom").comment(REPO, inc.number, `/ims link #${prob.number}`);
    await sim.settle();
  }
  const links = (n: number) => sim.comments(REPO, n).filter((c) => c.user === sim.botLogin && c.body.includes("<!-- ims-link"));
  expect(links(inc.number)).toHaveLength(1);
  expect(links(prob.number)).toHaveLength(1);
});

it("says plainly when /ims link names the record itself or several records, and changes nothing", async () => {
  const { sim } = stack;
  const inc = sim.as("bob").openIssue(REPO, { title: "Down", body: form("Medium", "Low", "search"), labels: ["ims:incident"] });
  await sim.settle();
  sim.as("tom").comment(REPO, inc.number, `/ims link #${inc.number}`);
  sim.as("tom").comment(REPO, inc.number, `/ims link #5 #6`);
  await sim.settle();
  const replies = sim.comments(REPO, inc.number).filter((c) => c.body.includes("ims-reply")).map((c) => c.body);
  expect(replies[0]).toContain(`#${inc.number} is this record`);
  expect(replies[1]).toContain("Link one record at a time");
  expect(sim.comments(REPO, inc.number).filter((c) => c.body.includes("<!-- ims-link"))).toHaveLength(0);
});
