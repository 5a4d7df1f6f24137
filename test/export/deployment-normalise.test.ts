import { describe, expect, it } from "vitest";
import { normaliseDeployment } from "../../src/evidence/export/normalise/deployment.js";
import { deploymentOutcome } from "../../src/evidence/export/normalise/deployment-outcome.js";
import { ctx, deployment, run, SHA, trace } from "./deployment-nodes.js";

describe("the deployment normaliser", () => {
  it("takes the gate's decision, its trace and the changes it names from ims-bot's run for this deployment", () => {
    const r = normaliseDeployment(deployment([{ slug: "ims-bot", runs: [run({})] }]), ["raw-1"], ctx())!;
    expect(r).toMatchObject({ kind: "deployment", number: 3, environment: "production", sha: SHA, ref: "main", creator: "alice", outcome: "success", finishedAt: "2026-03-03T10:05:00Z" });
    expect(r.url).toBe("https://github.com/acme/web/deployments/production");
    expect(r.gate).toMatchObject({ decision: "approved", mode: "prevent", checkRun: { conclusion: "success" } });
    expect(r.changes).toEqual([{ repo: "acme/web", pull: 12, url: "https://github.com/acme/web/pull/12", record: expect.objectContaining({ kind: "change", number: 40 }), via: ["gate", "merge-commit"], incidents: [50] }]);
    expect(r.traces).toHaveLength(1);
  });

  it("the latest run decides when the gate ran again, and a rejection keeps its reasons and direct pushes", () => {
    const first = run({ completedAt: "2026-03-03T10:00:01Z", summary: trace(3, "approved") });
    const again = run({ databaseId: 78, url: "https://github.com/acme/web/runs/78", conclusion: "FAILURE", completedAt: "2026-03-03T11:00:00Z", summary: trace(3, "rejected", { directPushes: [SHA] }) });
    const r = normaliseDeployment(deployment([{ slug: "ims-bot", runs: [again, first] }]), [], ctx())!;
    expect(r.gate).toMatchObject({ decision: "rejected", reasons: ["direct push"], directPushes: [SHA] });
  });

  it("the gate covers production, environments the config lists, and those the trusted app decided on", () => {
    const at = (environment: string, c = ctx()) => normaliseDeployment({ ...deployment([]), environment }, [], c)!.gated;
    expect(at("production")).toBe(true);
    expect(at("staging")).toBe(false);
    const listed = { ...ctx(), config: { ...ctx().config, deploy: { environments: ["staging"] } } } as ReturnType<typeof ctx>;
    expect(at("staging", listed)).toBe(true);
    expect(at("production", listed)).toBe(false);
    const decided = { ...ctx(), index: { ...ctx().index, gateApps: { canary: ["mallory-ci", "ims-bot"], edge: ["mallory-ci"] } } };
    expect(at("canary", decided)).toBe(true);
    expect(at("edge", decided)).toBe(false);
  });

  it("a deployment of a commit the environment ran before another is a rollback", () => {
    const back = { ...deployment([]), databaseId: 4, commitOid: "b".repeat(40) };
    expect(normaliseDeployment(back, [], ctx())!.rollback).toBe(true);
    expect(normaliseDeployment(deployment([]), [], ctx())!.rollback).toBe(false);
  });

  it("the outcome is the latest status that is not inactive; none without statuses", () => {
    const of = (s: Array<[string, string]>) => deploymentOutcome(deployment([], s));
    expect(of([["IN_PROGRESS", "2026-03-03T10:01:00Z"], ["FAILURE", "2026-03-03T10:02:00Z"]])).toEqual({ outcome: "failed", at: "2026-03-03T10:02:00Z" });
    expect(of([["INACTIVE", "2026-03-04T10:00:00Z"], ["SUCCESS", "2026-03-03T10:02:00Z"]])).toEqual({ outcome: "success", at: "2026-03-03T10:02:00Z" });
    expect(of([["QUEUED", "2026-03-03T10:01:00Z"]])).toEqual({ outcome: "in progress", at: null });
    expect(of([])).toEqual({ outcome: "none", at: null });
    expect(of([["ERROR", "2026-03-03T10:01:00Z"]]).outcome).toBe("failed");
  });
});
