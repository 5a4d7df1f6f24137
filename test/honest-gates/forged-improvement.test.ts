import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import type { Stack } from "../../src/demo/stack.js";
import { MIN, REPO, form, incidentStack } from "../helpers/incident-stack.js";

/**
 * Gate: one `ims:improvement` record per service and period, found by its marker. To pass without it:
 * a person opens an `ims:improvement` issue carrying the marker of the period before the report is
 * posted, so the app takes it for its record and never opens the real one (and the person can close
 * it as "done"). Refused: only issues the app wrote count (a bot account, the app's login when given),
 * as the dashboard is found.
 */
const CONFIG = `services:
  payments:
    owner: payments-owners
    resolver: payments-oncall
    availability: 99.9
    hours: 24x7
    repositories: [acme/web]
`;

describe("a forged improvement record does not stand for the real one", () => {
  let stack: Stack;
  const issuesLabelled = (label: string) => [...stack.sim.core.store.repoByName(REPO).issues.values()].filter((i) => i.labels.includes(label));

  beforeAll(async () => {
    stack = await incidentStack();
    const { sim } = stack;
    sim.setPermission(REPO, "mallory", "write");
    sim.as("bob").putFile(REPO, ".github/ims.yml", CONFIG);
    await sim.settle();
    const issue = sim.as("alice").openIssue(REPO, { title: "Payments down", body: form("High", "High", "payments"), labels: ["ims:incident"] });
    await sim.settle();
    sim.as("tom").comment(REPO, issue.number, "/ims outage start");
    await sim.settle();
    sim.clock.advance(90 * MIN);
    sim.as("tom").comment(REPO, issue.number, "/ims outage end");
    await sim.settle();
    sim.as("tom").close(REPO, issue.number);
    await sim.settle();
  });
  afterAll(() => stack.stop());

  it("a person's ims:improvement issue with the period's marker neither blocks the real record nor is listed as it", async () => {
    const { sim } = stack;
    const forged = sim.as("mallory").openIssue(REPO, {
      title: "[Improvement] payments: targets missed 2026-03-01 to 2026-03-31",
      body: "nothing to improve\n<!-- ims-improvement service=payments period=2026-03-01..2026-03-31 -->",
      labels: ["ims:improvement"],
    });
    let out = "";
    let err = "";
    const env = { APP_ID: String(sim.appId), PRIVATE_KEY: sim.privateKey, IMS_THROTTLE: "off" };
    const args = ["report", "--repo", REPO, "--from", "2026-03-01", "--to", "2026-03-31", "--api-url", sim.url, "--no-org-config", "--app-login", sim.botLogin, "--post"];
    const code = await runCli(args, { out: (t) => void (out += t), err: (t) => void (err += t), env, progress: { write: () => true, isTTY: false } });
    expect(err).toBe("");
    expect(code).toBe(0);
    const real = issuesLabelled("ims:improvement").filter((i) => i.number !== forged.number);
    expect(real).toHaveLength(1);
    expect(real[0]!.user).toBe(sim.botLogin);
    expect(out).toContain(`improvement records opened: #${real[0]!.number} payments`);
    const report = issuesLabelled("ims:service-report")[0]!;
    expect(report.body).toContain(`- #${real[0]!.number} payments`);
    expect(report.body).not.toContain(`#${forged.number} payments`);
  });
});
