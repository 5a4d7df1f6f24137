import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import type { Stack } from "../../src/demo/stack.js";
import { runExport } from "../../src/evidence/export/run.js";
import { generateSigningKey } from "../../src/evidence/signing.js";
import { verifyBundle } from "../../src/evidence/verify.js";
import { MIN, REPO, botComments, card, form, incidentStack } from "../helpers/incident-stack.js";

const CONFIG = `services:
  payments:
    owner: payments-owners
    resolver: payments-oncall
    criticality: critical
    availability: 99.9
    hours: 24x7
    repositories: [acme/web]
  search:
    owner: search-owners
    resolver: search-oncall
    availability: 99.5
    hours: business
`;

/** The CLI as a user runs it against the simulator: its output, exit code. */
async function cli(stack: Stack, args: string[]) {
  let out = "";
  let err = "";
  // --post trusts only issues the app wrote, so it posts as the app (as the workflow template does with IMS_APP_ID)
  const env = args.includes("--post") ? { APP_ID: String(stack.sim.appId), PRIVATE_KEY: stack.sim.privateKey, IMS_THROTTLE: "off" } : { GITHUB_TOKEN: stack.sim.userToken("ops"), IMS_THROTTLE: "off" };
  const code = await runCli(args, { out: (t) => void (out += t), err: (t) => void (err += t), env, progress: { write: () => true, isTTY: false } });
  return { code, out, err };
}

describe("services, outages and the service report, end to end", () => {
  let stack: Stack;
  let tmp: string;
  let outage: number;
  let unknown: number;
  const reportArgs = () => ["report", "--repo", REPO, "--from", "2026-03-01", "--to", "2026-03-31", "--api-url", stack.sim.url, "--no-org-config", "--app-login", stack.sim.botLogin, "--post"];
  const issuesLabelled = (label: string) => [...stack.sim.core.store.repoByName(REPO).issues.values()].filter((i) => i.labels.includes(label));

  beforeAll(async () => {
    stack = await incidentStack();
    tmp = mkdtempSync(path.join(os.tmpdir(), "ims-services-"));
    stack.sim.setPermission(REPO, "ops", "write");
    stack.sim.as("bob").putFile(REPO, ".github/ims.yml", CONFIG);
    await stack.sim.settle();
  });
  afterAll(async () => {
    await stack.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("says on the card that a service is unknown, listing the known ones, and escalates to the default resolver", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Checkout slow", body: form("Low", "Low", "paymnts"), labels: ["ims:incident"] });
    await sim.settle();
    unknown = issue.number;
    const body = card(stack, issue.number);
    expect(body).toContain('**Service:** "paymnts" is not in the service catalogue');
    expect(body).toContain("Known services: `payments`, `search`");
    expect(body).toContain("default resolver `service-desk`");
  });

  it("names the matched service (case and spaces ignored) with its owner, resolver and target", async () => {
    const { sim } = stack;
    const issue = sim.as("alice").openIssue(REPO, { title: "Payments down", body: form("High", "High", "  Payments "), labels: ["ims:incident"] });
    await sim.settle();
    outage = issue.number;
    expect(card(stack, issue.number)).toContain("**Service:** payments · owner `payments-owners` · resolver `payments-oncall` · critical · availability target 99.9% (24x7 hours)");
  });

  it("records an outage with /ims outage start|end in the record's history, refuses a reader, and shows the window on the card", async () => {
    const { sim } = stack;
    sim.as("alice").comment(REPO, outage, "/ims outage start");
    await sim.settle();
    expect(botComments(stack, outage).at(-1)!.body).toContain("Sorry @alice");
    expect(card(stack, outage)).not.toContain("**Outage**");

    sim.clock.advance(5 * MIN);
    sim.as("tom").comment(REPO, outage, "/ims outage start 09:02");
    await sim.settle();
    expect(botComments(stack, outage).at(-1)!.body).toContain("Outage start recorded: **2026-03-02 09:02 UTC** (by @tom)");
    expect(card(stack, outage)).toContain("- since 2026-03-02 09:02 UTC, ongoing (`/ims outage` by @\u200btom)");

    sim.clock.advance(60 * MIN);
    sim.as("tom").comment(REPO, outage, "/ims outage end");
    await sim.settle();
    expect(card(stack, outage)).toContain("- 2026-03-02 09:02 UTC to 2026-03-02 10:05 UTC (63 min, `/ims outage` by @\u200btom)");
    sim.as("tom").close(REPO, outage);
    sim.as("tom").close(REPO, unknown);
    await sim.settle();
  });

  it("ims-bot report --post opens one report issue and one improvement record for the service that missed its target; a second run writes nothing", async () => {
    stack.sim.resetRequestLog();
    const first = await cli(stack, reportArgs());
    // the export's reads, then: labels checked, report and improvement opened (each listed again), the report edited once to link it
    expect(stack.sim.requestCounts((r) => r.method !== "GET" && r.route !== "POST /graphql" && !r.route.includes("access_tokens"))).toEqual({
      "POST /repos/{owner}/{repo}/issues": 2,
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}": 1,
    });
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/payments: availability 99\.858% \(target 99\.9%\)/);
    expect(first.out).toMatch(/search: availability 100\.000% \(target 99\.5%\)/);
    const reports = issuesLabelled("ims:service-report");
    expect(reports).toHaveLength(1);
    expect(reports[0]!.title).toBe("Service report 2026-03-01 to 2026-03-31");
    const improvements = issuesLabelled("ims:improvement");
    expect(improvements).toHaveLength(1);
    expect(improvements[0]!.title).toBe("[Improvement] payments: targets missed 2026-03-01 to 2026-03-31");
    expect(improvements[0]!.body).toContain(`service report #${reports[0]!.number}`);
    expect(reports[0]!.body).toContain(`- #${improvements[0]!.number} payments`);
    expect(reports[0]!.body).toContain("| payments | 99.858% (99.9%) ❌ |");

    stack.sim.resetRequestLog();
    const second = await cli(stack, reportArgs());
    expect(second.code).toBe(0);
    expect(second.out).toContain("(unchanged); improvement records opened: none");
    expect(stack.sim.requestCounts((r) => r.route === "GET /repos/{owner}/{repo}/issues")).toEqual({ "GET /repos/{owner}/{repo}/issues": 2 });
    const writes = stack.sim.requestCounts((r) => r.method !== "GET" && r.route !== "POST /graphql" && !r.route.includes("access_tokens"));
    expect(writes).toEqual({});
    expect(issuesLabelled("ims:service-report")).toHaveLength(1);
    expect(issuesLabelled("ims:improvement")).toHaveLength(1);
  });

  it("the next period's report lists what became of the earlier improvement record", async () => {
    const { sim } = stack;
    const improvement = issuesLabelled("ims:improvement")[0]!;
    sim.as("bob").close(REPO, improvement.number);
    await sim.settle();
    const md = path.join(tmp, "april.md");
    const r = await cli(stack, ["report", "--repo", REPO, "--from", "2026-04-01", "--to", "2026-04-30", "--api-url", stack.sim.url, "--no-org-config", "--app-login", stack.sim.botLogin, "--markdown", md, "--post"]);
    expect(r.code).toBe(0);
    expect(readFileSync(md, "utf8")).toMatch(new RegExp(`- #${improvement.number} payments \\(2026-03-01\\.\\.2026-03-31\\): closed \\d{4}-\\d{2}-\\d{2} by @bob`));
    expect(issuesLabelled("ims:improvement")).toHaveLength(1); // April missed nothing
  });

  it("the signed bundle carries the service report, listed in the manifest, and verifies", async () => {
    const key = generateSigningKey();
    const out = path.join(tmp, "bundle.zip");
    const r = await runExport(
      { repos: [REPO], org: null, from: "2026-03-01T00:00:00.000Z", to: "2026-03-31T23:59:59.999Z", out, format: "zip", signingKeyPem: key.privatePem, previous: null, apiUrl: stack.sim.url, appLogin: stack.sim.botLogin, noOrgConfig: true },
      { env: { GITHUB_TOKEN: stack.sim.userToken("ops") }, out: () => undefined, progress: { write: () => true, isTTY: false } },
    );
    expect(r.manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(["reports/service-report.html", "reports/service-report.json"]));
    const v = await verifyBundle(out, { fingerprint: key.fingerprint });
    expect(v.ok).toBe(true);
  });
});
