import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { rateLimitWait } from "../../src/evidence/export/client.js";
import { runExport } from "../../src/evidence/export/run.js";
import { generateSigningKey } from "../../src/evidence/signing.js";
import { verifyBundle } from "../../src/evidence/verify.js";
import type { Simulator } from "../../src/simulator/index.js";
import { options, REPO, seededSimulator, sink, tempOut } from "./fixture.js";

let sim: Simulator;
let numbers: Awaited<ReturnType<typeof seededSimulator>>["numbers"];
const sleeps: number[] = [];
const sleep = async (ms: number) => void sleeps.push(ms);

beforeEach(async () => {
  ({ sim, numbers } = await seededSimulator());
  sleeps.length = 0;
});
afterEach(async () => sim.stop());

const env = () => ({ GITHUB_TOKEN: sim.userToken("auditor") });
const exportTo = (out: string, over: Parameters<typeof options>[1] = {}, progress = sink()) =>
  runExport({ ...options(out, { apiUrl: sim.url, ...over }) }, { env: env(), out: () => undefined, progress, sleep, generatedAt: "2026-04-05T09:00:00.000Z" });
const json = (dir: string, file: string) => JSON.parse(readFileSync(path.join(dir, file), "utf8"));

/** Runs `ims-bot` with captured output. */
async function cli(args: string[], extraEnv: Record<string, string> = {}) {
  let out = "";
  let err = "";
  const code = await runCli(args, { out: (t) => void (out += t), err: (t) => void (err += t), env: { ...extraEnv } });
  return { code, out, err };
}

describe("ims-bot export against the simulator over HTTP", () => {
  it("exports incidents with classification history, SLA, escalations, links and the app's traces", async () => {
    const out = tempOut();
    const r = await exportTo(out);
    expect(r.manifest.counts).toMatchObject({ incidents: 1, problems: 1, changes: 1 });
    const [inc] = json(out, "records/incidents.json");
    expect(inc.number).toBe(numbers.incident);
    expect(inc.priority).toBe("P1");
    expect(inc.major).toBe(true);
    expect(inc.classification[0]).toMatchObject({ priority: "P1", impact: "high", urgency: "high", by: "ims-bot[bot]" });
    expect(inc.classification.at(-1)).toMatchObject({ major: true });
    expect(inc.sla).toEqual([
      expect.objectContaining({ clock: "respond", status: "met", at: "2026-03-02T09:06:00.000Z", elapsedMinutes: 6 }),
      expect.objectContaining({ clock: "resolve", status: "met", at: "2026-03-02T12:36:00Z" }),
    ]);
    expect(inc.escalations.map((e: { level: string; kind: string }) => `${e.kind}:${e.level}`)).toEqual(["functional:resolver team", "hierarchical:major incident"]);
    expect(inc.problems.map((p: { number: number }) => p.number)).toEqual([numbers.problem]);
    expect(inc.review).toMatchObject({ number: numbers.problem, completedAt: "2026-03-03T12:36:00Z" });
    expect(inc.traces.map((t: { trace: { rule: string } }) => t.trace.rule)).toEqual(["incident.classify", "sla.evaluate"]);
    const [prob] = json(out, "records/problems.json");
    expect(prob).toMatchObject({ knownError: true, rootCause: true, workaround: false, reviewOf: { kind: "incident", number: numbers.incident } });
    expect(prob.incidents.map((i: { number: number }) => i.number)).toEqual([numbers.incident]);
  });

  it("exports change pull requests with reviews at their commit, the gate's check run and trace, emergency review and freeze exception", async () => {
    const out = tempOut();
    await exportTo(out);
    const changes = json(out, "records/changes.json");
    expect(changes.map((c: { number: number }) => c.number)).toEqual([numbers.pr]); // the plain PR is not a change
    const [c] = changes;
    const head = sim.pull(REPO, numbers.pr).pull.headSha;
    expect(c).toMatchObject({ type: "emergency", risk: "low", state: "merged", configChange: true, changeRecord: { number: 999 } });
    expect(c.reviews).toEqual([{ reviewer: "sec1", state: "APPROVED", commit: head, at: "2026-03-10T11:00:00Z", security: true }]);
    expect(c.checkRuns).toHaveLength(1);
    expect(c.checkRuns[0]).toMatchObject({ name: "IMS / change control", conclusion: "success", headSha: head });
    expect(c.checkRuns[0].traces[0].trace.rule).toBe("change.gate");
    expect(c.emergencyReview).toMatchObject({ number: numbers.problem });
    expect(c.freezeException).toMatchObject({ approvedBy: "sec1", freeze: expect.stringContaining("quarter close") });
    const items = json(out, "controls/index.json");
    expect(JSON.stringify(items)).toContain("freeze-exception");
  });

  it("keeps every API response in raw/ as canonical JSON with its chain of custody, named by the records' sources", async () => {
    const out = tempOut();
    const r = await exportTo(out);
    const raw = readdirSync(path.join(out, "raw"));
    expect(raw.length).toBe(r.calls.total);
    expect(raw.length).toBe(r.manifest.counts.raw);
    const docs = raw.map((f) => json(out, `raw/${f}`));
    const gql = docs.filter((d) => d.custody.endpoint === "/graphql");
    expect(gql.length).toBe(r.calls.graphql);
    for (const d of gql) {
      expect(d.custody).toMatchObject({ method: "POST", status: 200, graphql: { query: expect.stringContaining("rateLimit"), variables: expect.objectContaining({ owner: "acme", name: "web" }) } });
      expect(d.custody.headers["x-github-request-id"]).toMatch(/^[0-9A-F-]{36}$/);
      expect(Date.parse(d.custody.fetchedAt)).not.toBeNaN();
    }
    expect(docs.find((d) => d.custody.endpoint === "/repos/acme/web")?.custody.headers.etag).toBeTruthy();
    const [inc] = json(out, "records/incidents.json");
    for (const s of inc.sources) expect(raw).toContain(`${s}.json`);
    // an auditor can re-derive the record from the response it names
    const page = json(out, `raw/${inc.sources[0]}.json`);
    expect(JSON.stringify(page.body)).toContain("Checkout fails");
    expect((await verifyBundle(out, { allowUnsigned: true })).ok).toBe(true);
    // GitHub's request log saw exactly these calls
    expect(sim.requestLog.filter((x) => x.actor === "auditor").length).toBe(r.calls.total);
  });

  it("reads a nested connection past its first page with node(id:) queries", async () => {
    sim.quietly(() => {
      sim.clock.set("2026-03-20T09:00:00Z");
      const busy = sim.as("alice").openIssue(REPO, { title: "Chatty", labels: ["ims:incident", "priority:P3"] });
      for (let i = 0; i < 150; i++) sim.as("bob").comment(REPO, busy.number, `note ${i}`);
    });
    const out = tempOut();
    const r = await exportTo(out);
    const busy = json(out, "records/incidents.json").find((x: { title: string }) => x.title === "Chatty");
    expect(busy.timeline.filter((e: { event: string }) => e.event === "commented")).toHaveLength(150);
    expect(busy.sources).toHaveLength(2);
    expect(readdirSync(path.join(out, "raw")).some((f) => /issueTimeline-\d+-2\.json$/.test(f))).toBe(true);
    // two issue listings per kind label (incident, problem, change, improvement, risk), pulls, and the node(id:) pages, deployments
    // + 1: the default branch's history (direct pushes)
    expect(r.calls.graphql).toBe(14);
  });

  it("chains to the previous bundle and signs with the given key (ims-bot export, then ims-bot verify)", async () => {
    const key = generateSigningKey();
    const dir = path.dirname(tempOut());
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path.join(dir, "k.pem"), key.privatePem);
    writeFileSync(path.join(dir, "k.pub.pem"), key.publicPem);
    const first = path.join(dir, "feb.zip");
    const second = path.join(dir, "mar.zip");
    const e = { GITHUB_TOKEN: sim.userToken("auditor") };
    const a = await cli(["export", "--repo", REPO, "--from", "2026-02-01", "--to", "2026-02-28", "--out", first, "--key", path.join(dir, "k.pem"), "--api-url", sim.url], e);
    expect(a.err).toBe("");
    expect(a.code).toBe(0);
    const b = await cli(["export", "--repo", REPO, "--from", "2026-03-01", "--to", "2026-03-31", "--out", second, "--key", path.join(dir, "k.pem"), "--previous", first, "--api-url", sim.url], e);
    expect(b.code).toBe(0);
    expect(b.out).toMatch(/exported 1 incidents, 1 problems, 1 changes/);
    expect(b.out).toMatch(/API calls: \d+ \(REST 2, GraphQL 13/);
    const v = await cli(["verify", second, "--key", path.join(dir, "k.pub.pem"), "--previous", first]);
    expect(v.out).toMatch(/chain link to the previous bundle holds/);
    expect(v.code).toBe(0);
    expect(existsSync(`${second}.partial`)).toBe(false);

    // A previous bundle that does not verify is refused as a link of the chain.
    const tampered = path.join(dir, "feb-tampered.zip");
    const bytes = (await import("node:fs")).readFileSync(first);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(tampered, bytes);
    const c = await cli(["export", "--repo", REPO, "--from", "2026-03-01", "--to", "2026-03-31", "--out", path.join(dir, "mar2.zip"), "--key", path.join(dir, "k.pem"), "--previous", tampered, "--api-url", sim.url], e);
    expect(c.code).not.toBe(0);
    expect(c.err).toContain(`--previous ${tampered} does not verify`);
  });

  it("applies evidence.controls from the repositories' .github/ims.yml to the bundle's catalogue, and refuses conflicting ones", async () => {
    const ours = "evidence:\n  controls:\n    - { id: ORG-1, catalogue: iso27001-2022, title: Our incident logging rule, evidence: [incident-classified] }\n";
    sim.createRepo({ owner: "acme", name: "ops", files: { ".github/ims.yml": ours } });
    const out = tempOut();
    await exportTo(out, { repos: [REPO, "acme/ops"] });
    const org1 = json(out, "controls/index.json").controls.find((c: { id: string }) => c.id === "ORG-1");
    expect(org1).toMatchObject({ catalogue: "iso27001-2022", title: "Our incident logging rule", origin: "extension", gap: false, count: 1 });
    const theirs = "evidence:\n  controls:\n    - { id: ORG-1, catalogue: iso27001-2022, title: Something else, evidence: [problem] }\n";
    sim.createRepo({ owner: "acme", name: "db", files: { ".github/ims.yml": theirs } });
    await expect(exportTo(tempOut(), { repos: [REPO, "acme/ops", "acme/db"] })).rejects.toThrow(/acme\/ops and acme\/db define control iso27001-2022 ORG-1 differently/);
  });

  it("reads the config as the app does: the owner's .github repository when the repository has none, and _extends", async () => {
    const control = (id: string) => `evidence:\n  controls:\n    - { id: ${id}, catalogue: iso27001-2022, title: Rule ${id}, evidence: [incident-classified] }\n`;
    sim.createRepo({ owner: "acme", name: ".github", files: { ".github/ims.yml": control("ORG-2") } });
    sim.createRepo({ owner: "acme", name: "policies", files: { ".github/ims.yml": control("ORG-3") } });
    sim.createRepo({ owner: "acme", name: "ops", files: { "README.md": "# ops\n" } });
    sim.createRepo({ owner: "acme", name: "db", files: { ".github/ims.yml": "_extends: policies\n" } });
    const out = tempOut();
    await exportTo(out, { repos: [REPO, "acme/ops", "acme/db"] });
    const controls = json(out, "controls/index.json").controls;
    for (const id of ["ORG-2", "ORG-3"]) expect(controls.find((c: { id: string }) => c.id === id)).toMatchObject({ origin: "extension", count: 1 });
    expect(readdirSync(path.join(out, "raw")).filter((f) => f.includes(".config")).sort()).toEqual(
      ["acme__db.00002.config.json", "acme__db.00003.config-2.json", "acme__ops.00002.config.json", "acme__ops.00003.config-2.json", "acme__web.00002.config.json"],
    );
  });

  it("works with GitHub App credentials: finds the installation and mints an installation token", async () => {
    const out = tempOut();
    const r = await runExport(options(out, { apiUrl: sim.url }), { env: { APP_ID: String(sim.appId), PRIVATE_KEY: sim.privateKey }, out: () => undefined, progress: sink(), sleep });
    expect(r.manifest.counts.incidents).toBe(1);
    expect(sim.requestCounts()["POST /app/installations/{installation_id}/access_tokens"]).toBe(1);
    expect(sim.requestLog.filter((x) => x.route === "POST /graphql").every((x) => x.actor === sim.botLogin)).toBe(true);
  });
});

describe("failures say what to do and exit non-zero", () => {
  const run = (args: string[], token: string) => cli(["export", "--repo", args[0] ?? REPO, "--from", "2026-03-01", "--to", "2026-03-31", "--out", tempOut(), "--unsigned", "--api-url", sim.url, ...args.slice(1)], { GITHUB_TOKEN: token });

  it("a bad token: 401, names GITHUB_TOKEN and the app credentials", async () => {
    const r = await run([REPO], "ghp_wrong");
    expect(r.code).toBe(1);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/401.*set GITHUB_TOKEN to a valid token, or APP_ID and PRIVATE_KEY/);
  });

  it("a missing repository: 404, says to check --repo and access", async () => {
    const r = await run(["acme/nope"], sim.userToken("auditor"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/repository acme\/nope was not found .*404.*check the name given to --repo/);
  });

  it("no permission: a 403 that is not a rate limit names the permissions needed", async () => {
    sim.failNext("GET /repos/{owner}/{repo}", 403, 1, { retryAfter: null, message: "Resource not accessible by integration" });
    const r = await run([REPO], sim.userToken("auditor"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no permission .*403 \(Resource not accessible by integration\).*read access to metadata, issues, pull requests, checks and contents/);
  });

  it("an empty period: says so and writes nothing, unless --allow-empty", async () => {
    const out = tempOut();
    const r = await cli(["export", "--repo", REPO, "--from", "2025-01-01", "--to", "2025-01-31", "--out", out, "--unsigned", "--api-url", sim.url], { GITHUB_TOKEN: sim.userToken("auditor") });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no incident, problem, change, deployment or risk records in acme\/web .*--allow-empty/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
    const ok = await cli(["export", "--repo", REPO, "--from", "2025-01-01", "--to", "2025-01-31", "--out", out, "--format", "dir", "--unsigned", "--allow-empty", "--api-url", sim.url], { GITHUB_TOKEN: sim.userToken("auditor") });
    expect(ok.code).toBe(0);
    const v = await verifyBundle(out, { allowUnsigned: true });
    expect(v.ok).toBe(true);
    expect(json(out, "manifest.json").counts).toMatchObject({ incidents: 0, problems: 0, changes: 0 });
  });
});

describe("rate limits, transient errors and resuming", () => {
  it("waits on a rate limit (Retry-After) and says so on the progress output", async () => {
    sim.failNext("POST /graphql", 429, 1, { retryAfter: 1 });
    const progress = sink();
    const r = await exportTo(tempOut(), {}, progress);
    expect(sleeps).toContain(1000);
    expect(r.calls.waits).toBe(1);
    expect(progress.text()).toMatch(/rate limit \(429, retry-after 1 s\) while reading acme\/web .*: waiting 1 s/);
    expect(r.manifest.counts.incidents).toBe(1);
  });

  it("a 403 with x-ratelimit-remaining 0 waits until x-ratelimit-reset", () => {
    const headers = new Map([["x-ratelimit-remaining", "0"], ["x-ratelimit-reset", "1000"]]);
    const wait = rateLimitWait({ status: 403, headers: { get: (n) => headers.get(n) ?? null } }, "API rate limit exceeded", new Date(990_000));
    expect(wait?.seconds).toBe(11);
    expect(rateLimitWait({ status: 403, headers: { get: () => null } }, "Resource not accessible by integration", new Date())).toBeNull();
  });

  it("retries 5xx answers with back-off", async () => {
    sim.failNext("POST /graphql", 502, 2);
    const progress = sink();
    const r = await exportTo(tempOut(), {}, progress);
    expect(sleeps).toEqual([1000, 2000]);
    expect(progress.text()).toMatch(/GitHub answered 502 .*retrying in 1 s/);
    expect(r.manifest.counts.changes).toBe(1);
  });

  it("resumes after a failure midway: finished repositories are not read again", async () => {
    const out = tempOut();
    const repos = [REPO, "acme/later"];
    await expect(exportTo(out, { repos })).rejects.toThrow(/acme\/later was not found.*run the same command again to resume/);
    expect(existsSync(path.join(`${out}.partial`, "repos", "acme__web", "done.json"))).toBe(true);
    expect(existsSync(out)).toBe(false);
    // its own config: the owner acme has no .github repository, which the export cannot tell from a private one
    sim.createRepo({ owner: "acme", name: "later", files: { ".github/ims.yml": "sla: {}\n" } });
    sim.resetRequestLog();
    const progress = sink();
    const r = await exportTo(out, { repos }, progress);
    expect(r.resumed).toEqual([REPO]);
    expect(progress.text()).toMatch(/resuming .*acme\/web already read/);
    expect(sim.requestLog.some((x) => x.path.includes("acme/web") || x.path.includes("/repos/acme/web"))).toBe(false);
    expect(r.manifest.counts.incidents).toBe(1);
    expect(r.manifest.repos).toEqual(repos);
    expect((await verifyBundle(out, { allowUnsigned: true })).ok).toBe(true);
    // other options do not mix with a spool
    const other = tempOut();
    await expect(exportTo(other, { repos: ["acme/nope"] })).rejects.toThrow(/not found/);
    await expect(exportTo(other, { repos: ["acme/api"] })).rejects.toThrow(/partial export made with other options/);
  });
});
