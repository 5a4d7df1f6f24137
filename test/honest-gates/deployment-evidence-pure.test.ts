import { describe, expect, it } from "vitest";
import { normaliseDeployment } from "../../src/evidence/export/normalise/deployment.js";
import { evidenceItemsFor } from "../../src/evidence/evidence-items.js";
import { ctx, deployment, run, trace } from "../export/deployment-nodes.js";

describe("deployment evidence: a deployment counts as approved only by ims-bot's gate run for that very deployment", () => {
  it("a check run of another app, with the gate's name and an approving trace, is no decision", () => {
    const r = normaliseDeployment(deployment([{ slug: "mallory-ci", runs: [run({})] }]), [], ctx())!;
    expect(r.gate.decision).toBe("none");
    expect(r.traces).toEqual([]);
  });

  it("ims-bot's approval of another deployment of the same commit is not this deployment's decision", () => {
    const other = run({ externalId: "deployment:2", summary: trace(2, "approved") });
    expect(normaliseDeployment(deployment([{ slug: "ims-bot", runs: [other] }]), [], ctx())!.gate.decision).toBe("none");
    // the right external id, but the trace inside speaks of deployment 2: the conclusion decides, the trace is not taken
    const mixed = run({ summary: trace(2, "approved"), conclusion: "FAILURE" });
    const r = normaliseDeployment(deployment([{ slug: "ims-bot", runs: [mixed] }]), [], ctx())!;
    expect(r.gate.decision).toBe("rejected");
    expect(r.traces).toEqual([]);
  });

  it("ims-bot's approval for another environment (its run's name) is not a production decision, even with this deployment's id", () => {
    const staging = run({ name: "IMS / deployment: staging" });
    expect(normaliseDeployment(deployment([{ slug: "ims-bot", runs: [staging] }]), [], ctx())!.gate.decision).toBe("none");
  });

  it("a detective flag (neutral, mode detect) is evidence of an unapproved deployment, never of an approved one", () => {
    const flagged = run({ conclusion: "NEUTRAL", summary: trace(3, "rejected").replace('"mode":"prevent"', '"mode":"detect"') });
    const r = normaliseDeployment(deployment([{ slug: "ims-bot", runs: [flagged] }]), [], ctx())!;
    expect(r.gate).toMatchObject({ decision: "rejected", mode: "detect" });
    const kinds = evidenceItemsFor(r).map((i) => i.kind);
    expect(kinds).toContain("deployment-unapproved");
    expect(kinds).not.toContain("deployment-approved");
    expect(kinds).not.toContain("deployment-rejected");
  });
});
