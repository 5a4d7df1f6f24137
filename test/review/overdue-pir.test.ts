import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { escalationMarker } from "../../src/sla/markers.js";
import { OVERDUE_LEVEL } from "../../src/change/overdue-reviews.js";
import { REPO, changeStack, checkOf, approvedEmergencyChange } from "../helpers/change-stack.js";

const DAY = 86_400_000;
let stack: Stack;
afterEach(async () => stack.stop());

describe("post-implementation review of an emergency change (issue 4)", () => {
  it("escalates a review record still open after its due date like an SLA breach, once, whatever the number of sweeps", async () => {
    stack = await changeStack();
    const { sim } = stack;
    const pr = await approvedEmergencyChange(stack);
    expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
    const record = [...sim.core.store.repoByName(REPO).issues.values()].find((i) => !i.pull && i.labels.includes("ims:post-incident-review"))!;
    const escalations = () => sim.comments(REPO, record.number).filter((c) => c.user === sim.botLogin && c.body.includes(escalationMarker(OVERDUE_LEVEL)));

    sim.clock.advance(4 * DAY);
    sim.as("ops").dispatch(REPO, "ims-sweep");
    await sim.settle();
    expect(sim.labels(REPO, record.number)).not.toContain("sla:breached");
    expect(escalations()).toHaveLength(0);

    sim.clock.advance(2 * DAY);
    for (let i = 0; i < 2; i++) {
      sim.as("ops").dispatch(REPO, "ims-sweep");
      await sim.settle();
    }
    expect(sim.labels(REPO, record.number)).toContain("sla:breached");
    expect(escalations()).toHaveLength(1);
    expect(escalations()[0]!.body).toContain("@acme/emergency-approvers");
    expect(escalations()[0]!.body).toContain("@acme/management");
  });
});
