import { describe, expect, it } from "vitest";
import { DeliveryCollector } from "../../src/evidence/bundle/delivery.js";
import { DEPLOYMENT_COLUMNS } from "../../src/evidence/bundle/record-columns.js";
import { evidenceItemsFor } from "../../src/evidence/evidence-items.js";
import { deploymentsSection } from "../../src/evidence/report/deployments-section.js";
import type { ReportData } from "../../src/evidence/report/data.js";
import type { DeploymentRecord } from "../../src/evidence/types.js";
import { deployment as auditorDeployment } from "./auditor-fixture.js";
import { PERIOD } from "./fixtures.js";

/** The auditor fixture's deployment, with this file's raw source. */
const deployment = (id: number, over: Partial<DeploymentRecord> = {}, gate: Partial<DeploymentRecord["gate"]> = {}): DeploymentRecord => auditorDeployment(id, { sources: ["raw-1"], ...over }, gate);
const kinds = (r: DeploymentRecord) => evidenceItemsFor(r).map((i) => i.kind);

describe("deployment evidence items", () => {
  it("an approved, successful deployment is approved and recorded evidence, pointing to its own file records/deployment/acme/web/5.json", () => {
    const items = evidenceItemsFor(deployment(5));
    expect(items.map((i) => i.kind)).toEqual(["deployment-approved", "deployment-recorded"]);
    expect(items[0]).toMatchObject({ id: "deployment-approved/acme/web#5", href: "records/deployment/acme/web/5.json", record: { kind: "deployment", number: 5 } });
  });

  it("a refusal is rejected evidence only; a deployment without a decision is unapproved; a failed or rolled-back one is failed", () => {
    expect(kinds(deployment(6, { outcome: "in progress", finishedAt: null }, { decision: "rejected", reasons: ["direct push"] }))).toEqual(["deployment-rejected"]);
    expect(kinds(deployment(7, {}, { decision: "none", mode: null, checkRun: null }))).toEqual(["deployment-unapproved", "deployment-recorded"]);
    expect(kinds(deployment(10, { environment: "staging", gated: false }, { decision: "none", mode: null, checkRun: null }))).toEqual(["deployment-recorded"]);
    expect(kinds(deployment(8, { outcome: "failed" }))).toEqual(["deployment-approved", "deployment-recorded", "deployment-failed"]);
    expect(kinds(deployment(9, { rollback: true }))).toEqual(["deployment-approved", "deployment-recorded", "deployment-failed"]);
  });

  it("the CSV row carries the decision, its reasons, the outcome and the linked changes", () => {
    const r = deployment(6, {}, { decision: "rejected", reasons: ["direct push abc1234"], directPushes: ["abc1234"] });
    const row = Object.fromEntries(DEPLOYMENT_COLUMNS.map(([k, f]) => [k, f(r)]));
    expect(row).toMatchObject({ deployment_id: 6, environment: "production", gate_decision: "rejected", gate_reasons: "direct push abc1234", direct_pushes: "abc1234", outcome: "success", changes: "acme/web#12" });
  });
});

describe("DORA from the bundle's records", () => {
  it("an incident that mentions the change record (not the pull request) makes the deployment a failed change", () => {
    const c = new DeliveryCollector();
    c.add({ kind: "incident", repo: "acme/web", number: 50, createdAt: "2026-03-06T09:00:00Z", closedAt: "2026-03-06T09:30:00Z" } as never);
    c.add(deployment(5, { changes: [{ repo: "acme/web", pull: 12, url: "u", record: { kind: "change", repo: "acme/web", number: 40, url: "u", at: null }, via: ["gate"], incidents: [50] }] }));
    const [k] = c.view(["acme/web"], PERIOD).dora;
    expect(k!.basis.failures).toEqual([{ deployment: 5, reasons: ["incident"] }]);
    expect(k!.timeToRestore).toMatchObject({ medianMinutes: 30, restored: 1 });
  });
});

describe("the report's deployments section", () => {
  it("escapes what users control and never links a javascript: URL", () => {
    const c = new DeliveryCollector();
    c.add(deployment(5, { environment: '<img src=x onerror="alert(1)">', creator: "<b>eve</b>", url: "javascript:alert(1)" }, { checkRun: null }));
    const out = deploymentsSection({ deployments: c.view(["acme/web"], PERIOD) } as unknown as ReportData).value;
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<b>eve");
    expect(out).not.toContain('href="javascript:');
    expect(out).toContain("&lt;b&gt;eve&lt;/b&gt;");
  });

  it("says so when the period had no deployments, and still shows the four keys of each repository", () => {
    const out = deploymentsSection({ deployments: new DeliveryCollector().view(["acme/web"], PERIOD) } as unknown as ReportData).value;
    expect(out).toContain("No deployments in the period.");
    expect(out).toContain('data-repo="acme/web"');
    expect(out).toContain("n/a");
  });
});
