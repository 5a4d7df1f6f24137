import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { runExport } from "../../src/evidence/export/run.js";
import type { ServiceReportData } from "../../src/services/report-data.js";
import { deploy, deployStack, mergedChange, REPO } from "../deploy/helpers.js";
import { card, form } from "../helpers/incident-stack.js";

// one repository, three services: two by paths (in any repository), one owning acme/web whole
const SERVICES = `services:
  payments:
    owner: payments-owners
    resolver: payments-oncall
    paths: ["infra/payments/**"]
  search:
    owner: search-owners
    resolver: search-oncall
    paths: ["infra/search/**"]
  web:
    owner: web-owners
    resolver: web-oncall
    repositories: [acme/web]
`;

describe("services.<name>.paths through the simulator and the exporter", () => {
  let stack: Stack;
  let tmp: string;

  beforeAll(async () => {
    stack = await deployStack(SERVICES);
    tmp = mkdtempSync(path.join(os.tmpdir(), "ims-svcpaths-"));
  });
  afterAll(async () => {
    await stack.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("suggests on the card the one service that owns the repository when the named one is unknown", async () => {
    const issue = stack.sim.as("alice").openIssue(REPO, { title: "Checkout slow", body: form("Low", "Low", "paymnts"), labels: ["ims:incident"] });
    await stack.sim.settle();
    const body = card(stack, issue.number);
    expect(body).toContain('**Service:** "paymnts" is not in the service catalogue');
    expect(body).toContain("Known services: `payments`, `search`, `web`");
    expect(body).toContain("This repository is `web`'s");
  });

  /** main deployed to production by alice, approved by the gate, finished successfully. */
  async function deployed() {
    const d = await deploy(stack);
    expect(d.gate?.state).toBe("approved");
    stack.sim.as("alice").finishDeployJob(REPO, d.deployment.id, "success");
    await stack.sim.settle();
  }

  it("attributes each merged and deployed change to the service whose paths it touched, with separate figures", async () => {
    await mergedChange(stack, { head: "pay", files: { "infra/payments/main.tf": "p\n" } });
    stack.sim.clock.advance(60 * 60_000);
    await deployed();
    stack.sim.clock.advance(60 * 60_000);
    await mergedChange(stack, { head: "search", files: { "infra/search/main.tf": "s\n" } });
    stack.sim.clock.advance(3 * 60 * 60_000);
    await deployed();
    stack.sim.clock.advance(60 * 60_000);

    const out = path.join(tmp, "bundle");
    await runExport(
      { repos: [REPO], org: null, from: "2026-03-01T00:00:00.000Z", to: "2026-03-31T23:59:59.999Z", out, format: "dir", signingKeyPem: null, previous: null, apiUrl: stack.sim.url, appLogin: stack.sim.botLogin, noOrgConfig: true },
      { env: { GITHUB_TOKEN: stack.sim.userToken("alice") }, out: () => undefined, progress: { write: () => true, isTTY: false } },
    );
    const data = JSON.parse(readFileSync(path.join(out, "reports", "service-report.json"), "utf8")) as ServiceReportData;
    const by = Object.fromEntries(data.services.map((s) => [s.service, s]));
    expect(by.payments!.changes).toMatchObject({ completed: 1, succeeded: 1 });
    expect(by.search!.changes).toMatchObject({ completed: 1, succeeded: 1 });
    // the repository's own service gets the incident (named none it knows), not the changes of other services
    expect(by.web!.incidents.total).toBe(1);
    expect(by.web!.changes.completed).toBe(0);
    // DORA per service: each its own deployment, each its own lead time
    expect(by.payments!.dora).not.toBeNull();
    expect(by.search!.dora).not.toBeNull();
    expect(by.search!.dora!.leadTimeHours).toBeGreaterThan(by.payments!.dora!.leadTimeHours!);
    expect(by.web!.dora).toBeNull();
  });
});
