import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import type { Issue } from "../../src/simulator/index.js";
import { REPO, changeStack, checkOf, openChange } from "../helpers/change-stack.js";
import { form, sweepNow } from "../helpers/incident-stack.js";

const dashboards = (stack: Stack): Issue[] => [...stack.sim.core.store.repoByName(REPO).issues.values()].filter((i) => i.title === "IMS dashboard");
const botWrites = (stack: Stack) => stack.sim.requestCounts((r) => r.method !== "GET" && r.actor === stack.sim.botLogin && !r.route.includes("access_tokens"));

describe("the repository dashboard, end to end", () => {
  let stack: Stack;
  afterEach(async () => stack.stop());

  it("shows an open incident with its priority and due time, a change and what it waits for, and a config error, and is not rewritten when nothing changed", async () => {
    stack = await changeStack();
    const { sim } = stack;
    const incident = sim.as("bob").openIssue(REPO, { title: "Checkout fails", body: form("High", "High"), labels: ["ims:incident"] });
    const pr = openChange(stack);
    await sim.settle();
    expect(checkOf(stack, pr.number)?.conclusion).not.toBe("success");

    await sweepNow(stack);
    expect(dashboards(stack)).toHaveLength(1);
    let body = dashboards(stack)[0]!.body ?? "";
    expect(body).toMatch(new RegExp(`\\| #${incident.number} Checkout fails \\| P1 \\| on track \\| 2026-03-02 \\d\\d:\\d\\dZ \\|`));
    expect(body).toMatch(new RegExp(`- #${pr.number} Rotate the certificate: waits for .*security`, "i"));
    expect(body).toContain("None: `.github/ims.yml` is valid.");

    sim.as("erin").putFile(REPO, ".github/ims.yml", "sla:\n  atRisk: fast\n");
    await sim.settle();
    await sweepNow(stack);
    expect(dashboards(stack)).toHaveLength(1);
    body = dashboards(stack)[0]!.body ?? "";
    expect(body).toContain("`.github/ims.yml`: `sla.atRisk`");
    expect(body).toContain(`#${incident.number} Checkout fails`);

    sim.resetRequestLog();
    await sweepNow(stack);
    expect(dashboards(stack)[0]!.body).toBe(body);
    expect(botWrites(stack)).toEqual({});
  });

  it("is closed when the config says `dashboard: false`, and not opened again", async () => {
    stack = await changeStack();
    const { sim } = stack;
    await sweepNow(stack);
    expect(dashboards(stack).map((i) => i.state)).toEqual(["open"]);
    sim.as("erin").putFile(REPO, ".github/ims.yml", "dashboard: false\n");
    await sim.settle();
    await sweepNow(stack);
    await sweepNow(stack);
    expect(dashboards(stack).map((i) => i.state)).toEqual(["closed"]);
  });

  it("is found on GitHub by its marker when closed: a person closing it, then a fresh instance with an empty store, reopen the same issue instead of opening a second", async () => {
    stack = await changeStack();
    const { sim } = stack;
    // a person's issue with the dashboard's title and marker is not the app's dashboard
    const fake = sim.as("bob").openIssue(REPO, { title: "IMS dashboard", body: "<!-- ims-dashboard -->\nmine" });
    sim.as("bob").close(REPO, fake.number);
    await sim.settle();
    await sweepNow(stack);
    const [first] = dashboards(stack).filter((i) => i.user === sim.botLogin);
    expect(first?.state).toBe("open");

    sim.as("erin").close(REPO, first!.number);
    await sim.settle();
    await stack.restartApp(); // a fresh store: nothing remembers the dashboard's number
    await sweepNow(stack);
    expect(dashboards(stack).filter((i) => i.user === sim.botLogin).map((i) => [i.number, i.state])).toEqual([[first!.number, "open"]]);
    expect(sim.core.store.repoByName(REPO).issues.get(fake.number)?.state).toBe("closed");

    sim.as("erin").close(REPO, first!.number);
    await sim.settle();
    await sweepNow(stack);
    expect(dashboards(stack).filter((i) => i.user === sim.botLogin).map((i) => [i.number, i.state])).toEqual([[first!.number, "open"]]);
  });
});
