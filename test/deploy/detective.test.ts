import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { changeStack, REPO } from "../helpers/change-stack.js";
import { sweepNow } from "../helpers/incident-stack.js";
import { mergedChange, PROD } from "./helpers.js";

/** No custom protection rule on production (a private repository on a plan without them): the gate detects. */
describe("the detective control on deployment_status", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await changeStack({ config: "deploy:\n  baseline: root\n" });
  });
  afterAll(() => stack.stop());

  const run = (sha: string, id: number) => stack.sim.checkRuns(REPO, sha).find((c) => c.name === PROD && c.externalId === `deployment:${id}`);

  it("records an approved change's deployment after it ran (success), with a detect-mode trace", async () => {
    const pr = await mergedChange(stack);
    const job = stack.sim.as("alice").runDeployJob(REPO, { environment: "production", ref: "main" });
    await stack.sim.settle();
    expect(job.deployment.statuses.map((s) => s.state)).toEqual(["in_progress"]);
    const check = run(job.deployment.sha, job.deployment.id);
    expect(check?.conclusion).toBe("success");
    expect(check?.output.summary).toContain(`"mode":"detect"`);
    expect(stack.sim.comments(REPO, pr).find((c) => c.body.startsWith("<!-- ims-deployments"))?.body).toContain("| in\\_progress | approved |");
  });

  it("flags a direct push deployed (neutral, says it detected rather than prevented) and lists it on the dashboard", async () => {
    const [pushed] = stack.sim.as("bob").push(REPO, "main", [{ message: "quick fix", files: { "infra/main.tf": "z\n" } }]);
    const job = stack.sim.as("bob").runDeployJob(REPO, { environment: "production", ref: "main" });
    await stack.sim.settle();
    const check = run(job.deployment.sha, job.deployment.id);
    expect(check?.conclusion).toBe("neutral");
    expect(check?.output.title).toMatch(/not approved \(detected after it ran\)/);
    expect(check?.output.summary).toContain("it did not prevent it");
    expect(check?.output.summary).toContain(pushed!.sha.slice(0, 7));
    await sweepNow(stack);
    const dashboard = [...stack.sim.core.store.repoByName(REPO).issues.values()].find((i) => i.title === "IMS dashboard");
    expect(dashboard?.body).toContain(`## Deployments not approved (detected after they ran) (1)`);
    expect(dashboard?.body).toContain(`deployment ${job.deployment.id} to production`);
  });
});
