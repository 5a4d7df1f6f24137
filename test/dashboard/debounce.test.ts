import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import type { Issue } from "../../src/simulator/index.js";
import { SweepScheduler } from "../../src/sweep/scheduler.js";
import { REPO, changeStack } from "../helpers/change-stack.js";
import { form } from "../helpers/incident-stack.js";

const MIN = 60_000;
const dashboards = (stack: Stack): Issue[] => [...stack.sim.core.store.repoByName(REPO).issues.values()].filter((i) => i.title === "IMS dashboard");
/** The app's requests that read or write the dashboard's issue list, issues and team lookups. */
const dashboardCalls = (stack: Stack) =>
  stack.sim.requestLog.filter((x) => x.actor === stack.sim.botLogin && (/^GET \/repos\/[^/]+\/[^/]+\/issues(\?|$)/.test(`${x.method} ${x.path}`) && !/[?&]labels=/.test(x.path) || x.route === "GET /orgs/{org}/teams/{team_slug}" || (x.method !== "GET" && x.route.startsWith("PATCH /repos/{owner}/{repo}/issues/{issue_number}"))));

describe("the repository dashboard between sweeps", () => {
  let stack: Stack;
  afterEach(async () => stack.stop());

  it("costs no call on a sweep tick after no event, is rendered again after an event, and is reopened when a person closed it", async () => {
    stack = await changeStack();
    const { sim } = stack;
    const scheduler = new SweepScheduler(stack.probot, { now: () => sim.clock.now(), store: stack.store, intervalMs: 5 * MIN });
    // the installation-wide sweep visits repositories with something open: here, one incident
    const first = sim.as("bob").openIssue(REPO, { title: "Search slow", body: form("Low", "Low"), labels: ["ims:incident"] });
    await sim.settle();
    await scheduler.tick();
    await sim.settle();
    expect(dashboards(stack)).toHaveLength(1);
    const number = dashboards(stack)[0]!.number;

    sim.clock.advance(5 * MIN);
    sim.resetRequestLog();
    await scheduler.tick();
    await sim.settle();
    expect(dashboardCalls(stack)).toEqual([]);

    const incident = sim.as("bob").openIssue(REPO, { title: "Checkout fails", body: form("High", "High"), labels: ["ims:incident"] });
    await sim.settle();
    sim.clock.advance(5 * MIN);
    await scheduler.tick();
    await sim.settle();
    expect(dashboards(stack)[0]!.body).toContain(`#${incident.number} Checkout fails`);

    sim.as("erin").close(REPO, number);
    await sim.settle();
    sim.as("bob").close(REPO, incident.number);
    sim.as("bob").close(REPO, first.number);
    await sim.settle();
    sim.clock.advance(5 * MIN);
    await scheduler.tick();
    await sim.settle();
    await scheduler.stop();
    expect(dashboards(stack).map((i) => [i.number, i.state])).toEqual([[number, "open"]]);
    expect(dashboards(stack)[0]!.body).toContain("No open incidents.");
  });
});
