import { describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { MIN, REPO, form, useIncidentStack } from "../helpers/incident-stack.js";

describe("trend detection on a service name with Markdown characters", () => {
  let stack: Stack;
  useIncidentStack((s) => (stack = s));

  it("covers a fourth incident on auth_service or payments (eu) by the problem the trend opened, without opening (and closing) a duplicate", async () => {
    const { sim } = stack;
    for (const service of ["auth_service", "payments (eu)"]) {
      for (let i = 0; i < 4; i++) {
        sim.as("alice").openIssue(REPO, { title: `Error ${i}`, body: form("Medium", "Low", service), labels: ["ims:incident"] });
        await sim.settle();
        sim.clock.advance(60 * MIN);
      }
    }
    const problems = [...sim.core.store.repoByName(REPO).issues.values()].filter((i) => i.labels.includes("ims:problem"));
    expect(problems.map((p) => p.title).sort()).toEqual(["Problem: repeated incidents on auth_service", "Problem: repeated incidents on payments (eu)"]);
  });
});

describe("serviceFromProblemBody", () => {
  it("reads a service back as it was before md escaped it into a problem body", async () => {
    const { md } = await import("../../src/core/explain.js");
    const { serviceFromProblemBody } = await import("../../src/problems/record.js");
    for (const s of ["auth_service", "payments (eu)", "a&b <c> @d", "&lt;x", "web*[1]#2", "back\\slash"]) expect(serviceFromProblemBody(md(s))).toBe(s);
  });
});
