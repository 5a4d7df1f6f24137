import { generateKeyPairSync } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import formats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FourKeys } from "../../src/deploy/dora.js";
import { runExport, type ExportResult } from "../../src/evidence/export/run.js";
import type { DeploymentRecord } from "../../src/evidence/types.js";
import { verifyBundle } from "../../src/evidence/verify.js";
import type { Simulator } from "../../src/simulator/index.js";
import { REPO_ROOT } from "../evidence/helpers.js";
import { directPush, gateRun, seedDeployment } from "./deployments-fixture.js";
import { options, REPO, seededSimulator, sink, tempOut } from "./fixture.js";

const SCHEMA = [path.resolve(REPO_ROOT, "../shared/schemas/oscal/oscal_assessment-results_schema.json")].find(existsSync);
const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats) as unknown as (ajv: Ajv) => Ajv;

let sim: Simulator;
let out: string;
let result: ExportResult;
let ids: { initial: number; approved: number; rejected: number; rollback: number; staging: number; forged: number };
let pr: number;
let pushed: string;
const read = (rel: string) => readFileSync(path.join(out, rel), "utf8");
const deployments = () => JSON.parse(read("records/deployments.json")) as DeploymentRecord[];
const byId = (id: number) => deployments().find((d) => d.number === id)!;

beforeAll(async () => {
  const s = await seededSimulator();
  sim = s.sim;
  pr = s.numbers.pr;
  sim.quietly(() => {
    const merge = sim.pull(REPO, pr).pull.mergeCommitSha!;
    const initial = sim.core.store.repoByName(REPO).commits.get(merge)!.parents[0]!;
    // before the period: the environment ran the initial commit
    const d0 = seedDeployment(sim, REPO, { sha: initial, at: "2026-02-20T10:00:00Z", statuses: [["in_progress", 1], ["success", 4], ["inactive", 25 * 24 * 60]] });
    // the emergency change, approved by the gate, deployed an hour after its merge
    const d1 = seedDeployment(sim, REPO, { sha: merge, at: "2026-03-10T13:00:00Z", statuses: [["in_progress", 1], ["success", 5]] });
    // the commit went to a gated qa environment many times before: more of the app's runs than the deployments query reads nested
    for (let i = 0; i < 22; i++) gateRun(sim, seedDeployment(sim, REPO, { sha: merge, environment: "qa", at: "2026-02-25T10:00:00Z", statuses: [["success", 1]] }), { decision: "approved" });
    gateRun(sim, d1, { decision: "approved", changes: [{ repo: REPO, pull: pr, record: 999 }] });
    // an incident caused by the change, restored two hours later
    sim.clock.set("2026-03-11T08:00:00Z");
    const inc = sim.as("alice").openIssue(REPO, { title: "Pool exhausted", body: `Since #${pr} went out.`, labels: ["ims:incident"] });
    sim.clock.set("2026-03-11T10:00:00Z");
    sim.as("bob").close(REPO, inc.number);
    // a direct push to main, refused by the gate
    pushed = directPush(sim, REPO, "mallory");
    const d2 = seedDeployment(sim, REPO, { sha: pushed, creator: "mallory", at: "2026-03-12T10:00:00Z", statuses: [["queued", 0]] });
    gateRun(sim, d2, { decision: "rejected", reasons: [`commit ${pushed.slice(0, 7)} reached main without a pull request`], directPushes: [pushed] });
    // back to the initial commit without a gate decision: a rollback; another app claims it was approved
    const d3 = seedDeployment(sim, REPO, { sha: initial, creator: "carol", at: "2026-03-14T09:00:00Z", statuses: [["success", 3]] });
    const forged = gateRun(sim, d3, { decision: "approved" }, { appId: 4242 });
    // a staging deployment the gate does not cover: shown, not an exception, not counted in DORA's production keys
    const d4 = seedDeployment(sim, REPO, { sha: merge, environment: "staging", at: "2026-03-10T11:30:00Z", statuses: [["failure", 2]] });
    ids = { initial: d0.id, approved: d1.id, rejected: d2.id, rollback: d3.id, staging: d4.id, forged: forged.id };
    sim.clock.set("2026-04-05T09:00:00Z");
  });
  out = tempOut();
  const key = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  result = await runExport(options(out, { apiUrl: sim.url, appLogin: sim.botLogin, signingKeyPem: key }), {
    env: { GITHUB_TOKEN: sim.userToken("auditor") },
    out: () => undefined,
    progress: sink(),
    sleep: async () => undefined,
    generatedAt: "2026-04-05T09:00:00.000Z",
  });
});
afterAll(async () => sim.stop());

describe("deployments in the evidence bundle (exported through the simulator)", () => {
  it("writes records/deployments.json and .csv for the deployments created in the period, and the bundle verifies", async () => {
    expect(deployments().map((d) => d.number).sort()).toEqual([ids.approved, ids.rejected, ids.rollback, ids.staging].sort());
    expect(result.manifest.counts.deployments).toBe(4);
    const csv = read("records/deployments.csv").split("\n");
    expect(csv[0]).toContain("environment,gated,sha,ref,creator,created_at,finished_at,outcome,rollback,gate_decision");
    expect(csv.filter((l) => l.includes(`,${ids.rejected},`))[0]).toContain("rejected");
    const v = await verifyBundle(out, { fingerprint: result.fingerprint! });
    expect(v.failures).toEqual([]);
    expect(v.ok).toBe(true);
    // chain of custody: each record names the raw API responses it came from, and they are in the bundle
    for (const d of deployments()) for (const s of d.sources) expect(existsSync(path.join(out, "raw", `${s}.json`)), s).toBe(true);
  });

  it("normalises environment, commit, actor, outcome from the statuses, the gate's decision with its trace and the linked change", () => {
    const d1 = byId(ids.approved);
    expect(d1).toMatchObject({ environment: "production", creator: "alice", outcome: "success", finishedAt: "2026-03-10T13:05:00Z", rollback: false });
    expect(d1.gate).toMatchObject({ decision: "approved", mode: "prevent" });
    expect(d1.traces.map((t) => t.trace.rule)).toEqual(["deploy.gate"]);
    // its gate run was past the first page of the commit's runs: read by name, and kept in raw/
    expect(d1.sources).toHaveLength(2);
    expect(d1.sources[1]).toMatch(new RegExp(`deployment-${ids.approved}-runs$`));
    expect(d1.changes).toEqual([expect.objectContaining({ repo: REPO, pull: pr, via: ["gate", "merge-commit"], record: expect.objectContaining({ kind: "change", number: 999 }) })]);
    const d2 = byId(ids.rejected);
    expect(d2.gate).toMatchObject({ decision: "rejected", directPushes: [pushed] });
    expect(d2.outcome).toBe("in progress");
    expect(byId(ids.staging)).toMatchObject({ outcome: "failed", gated: false });
    expect(d1.gated).toBe(true);
  });

  it("marks a deployment of a commit the environment already ran before another as a rollback, and takes no other app's decision", () => {
    const d3 = byId(ids.rollback);
    expect(d3.rollback).toBe(true);
    expect(d3.gate.decision).toBe("none");
    expect(d3.traces).toEqual([]);
  });

  it("maps deployment evidence to the release and deployment controls, and the OSCAL results validate", () => {
    const index = JSON.parse(read("controls/index.json")) as { controls: Array<{ catalogue: string; id: string; items: Array<{ kind: string }> }> };
    const kinds = (cat: string, id: string) => new Set(index.controls.find((c) => c.catalogue === cat && c.id === id)?.items.map((i) => i.kind));
    expect(kinds("iso27001-2013", "A.12.1.4")).toContain("deployment-approved");
    expect(kinds("iso27001-2022", "8.32")).toContain("deployment-rejected");
    expect(kinds("iso20000-1-2018", "8.5.3")).toContain("deployment-unapproved");
    expect(kinds("iso27001-2013", "A.14.2.9")).toContain("deployment-failed");
    expect(SCHEMA, "OSCAL schema (../shared/schemas/oscal) is needed").toBeDefined();
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA!, "utf8")));
    validate(JSON.parse(read("oscal/assessment-results.json")));
    expect(validate.errors ?? []).toEqual([]);
  });

  it("computes DORA's four keys for the period into records/dora.json", () => {
    const [k] = (JSON.parse(read("records/dora.json")) as { repositories: FourKeys[] }).repositories;
    // production: the approved deployment and the rollback succeeded; the rejected one never ran
    expect(k!.deploymentFrequency).toMatchObject({ successful: 2, bucket: "monthly" });
    expect(k!.leadTime.changes).toBe(1);
    expect(k!.leadTime.medianMinutes).toBeGreaterThan(60);
    // the approved deployment was rolled back and delivered the change the incident mentions
    expect(k!.changeFailureRate).toMatchObject({ failed: 1, finished: 2, rolledBack: 1, incident: 1, rate: 0.5 });
    expect(k!.timeToRestore).toEqual({ medianMinutes: 120, restored: 1, unresolved: 0 });
    expect(k!.basis.failures).toEqual([{ deployment: ids.approved, reasons: ["rolled back", "incident"] }]);
  });

  it("report.html shows the deployments per environment, flags rejected and undecided ones, and the four keys", () => {
    const report = read("report.html");
    expect(report).toContain('<h2 id="deployments">Deployments</h2>');
    expect(report).toContain('data-environment="production"');
    expect(report).toContain('data-environment="staging"');
    expect(report).toMatch(new RegExp(`class="flagged" data-deployment="${ids.rejected}"[^]*?rejected`));
    expect(report).toMatch(new RegExp(`class="flagged" data-deployment="${ids.rollback}"[^]*?no gate decision[^]*?rollback`));
    expect(report).not.toMatch(new RegExp(`class="flagged" data-deployment="${ids.approved}"`));
    expect(report).toMatch(new RegExp(`<tr data-deployment="${ids.staging}">[^]*?not gated`));
    expect(report).toContain("<h3>DORA's four keys</h3>");
    expect(report).toMatch(new RegExp(`data-deployment="${ids.approved}"[^]*?failed change: rolled back, incident`));
    expect(report).toMatch(/<td>50%/);
  });
});
