import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { startStack, type Stack } from "../../src/demo/stack.js";
import { newOrg, onboardingPulls, REPO, T0 } from "./helpers.js";

let stack: Stack;
beforeEach(async () => {
  stack = await startStack({ now: T0 });
  newOrg(stack);
});
afterEach(async () => stack.stop());

function io(env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), env } };
}

describe("ims-bot setup --repo owner/name", () => {
  it("authenticates as the app (APP_ID, PRIVATE_KEY), creates the labels and opens the onboarding pull request, and says so", async () => {
    const { sim } = stack;
    // the simulator answers at once; throttling would space the 45 label writes a second apart
    const run = io({ APP_ID: String(sim.appId), PRIVATE_KEY: sim.privateKey, IMS_THROTTLE: "off" });
    expect(await runCli(["setup", "--repo", REPO, "--api-url", sim.url], run.io)).toBe(0);
    await sim.settle();
    const [pr] = onboardingPulls(stack);
    expect(pr).toMatchObject({ user: sim.botLogin, state: "open" });
    expect(sim.labels(REPO)).toContain("ims:incident");
    expect(run.out.join("")).toContain(`acme/web: ✅ The app's labels exist. Opened the onboarding pull request #${pr!.number}`);
  });

  it("without credentials or with a malformed --repo, says what to pass (exit 2) and changes nothing", async () => {
    const none = io({});
    expect(await runCli(["setup", "--repo", REPO, "--api-url", stack.sim.url], none.io)).toBe(2);
    expect(none.err.join("")).toMatch(/no credentials: set GITHUB_TOKEN/);
    const bad = io({ APP_ID: String(stack.sim.appId), PRIVATE_KEY: stack.sim.privateKey });
    expect(await runCli(["setup", "--repo", "acme", "--api-url", stack.sim.url], bad.io)).toBe(2);
    expect(bad.err.join("")).toMatch(/expected owner\/name/);
    expect(onboardingPulls(stack)).toEqual([]);
  });
});
