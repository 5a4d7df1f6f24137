import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import type { Simulator } from "../../src/simulator/index.js";
import { silent, useSimulator, type setup } from "./helpers.js";

type Parts = Awaited<ReturnType<typeof setup>>;
let sim: Simulator;
let octokit: Parts["octokit"];
let receiver: Parts["receiver"];
useSimulator((s) => ({ sim, octokit, receiver } = s));

// Each payload below is also held to GitHub's webhook schema by the oracle (test/setup.ts).
describe("installation events, which GitHub sends every app whether or not app.yml subscribes them", () => {
  it("installing the app sends installation.created with the installation and every repository it reaches", async () => {
    sim.installApp({ by: "alice" });
    await sim.settle();
    const created = receiver.received.find((r) => r.event === "installation");
    expect(created?.payload).toMatchObject({
      action: "created",
      installation: { id: sim.installationId, account: { login: "acme" }, repository_selection: "all", permissions: { issues: "write" } },
      repositories: [{ full_name: "acme/web", private: false }],
      sender: { login: "alice" },
    });
  });

  it("adding a repository to an installation on selected repositories sends installation_repositories.added, and only selected ones are reachable", async () => {
    sim.createRepo({ owner: "acme", name: "api", private: true });
    sim.installApp({ repositories: ["acme/web"] });
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "api" })).rejects.toMatchObject({ status: 404 });

    sim.addInstallationRepositories(["acme/api"]);
    await sim.settle();
    const added = receiver.received.find((r) => r.event === "installation_repositories");
    expect(added?.payload).toMatchObject({
      action: "added",
      repository_selection: "selected",
      repositories_added: [{ full_name: "acme/api", private: true }],
      repositories_removed: [],
    });
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "api" })).resolves.toMatchObject({ status: 200 });
    const { data } = await octokit.rest.apps.listReposAccessibleToInstallation();
    expect(data.repositories.map((r) => r.full_name)).toEqual(["acme/web", "acme/api"]);
  });

  it("an installation that has not accepted new permissions is refused them until the owner accepts (installation.new_permissions_accepted)", async () => {
    sim.setGrantedPermissions({ metadata: "read", issues: "write" });
    await expect(octokit.rest.checks.create({ owner: "acme", repo: "web", name: "c", head_sha: sim.core.store.repoByName("acme/web").branches.get("main")!.sha })).rejects.toMatchObject({ status: 403 });
    sim.acceptNewPermissions();
    await sim.settle();
    expect(receiver.received.find((r) => r.event === "installation")?.payload).toMatchObject({ action: "new_permissions_accepted", installation: { permissions: { checks: "write" } } });
    await expect(octokit.rest.checks.create({ owner: "acme", repo: "web", name: "c", head_sha: sim.core.store.repoByName("acme/web").branches.get("main")!.sha })).resolves.toMatchObject({ status: 201 });
  });
});

describe("several installations: each with its own tokens, repositories and rate limits", () => {
  const HOUR = 3_600_000;
  /** A second organisation, globex, with the app installed on it: its installation id and an Octokit of it. */
  async function globex(repositories?: string[]): Promise<{ id: number; b: Octokit }> {
    sim.createOrg("globex", { members: ["gina"] });
    sim.createRepo({ owner: "globex", name: "shop", private: true });
    sim.createRepo({ owner: "globex", name: "docs" });
    const id = sim.addInstallation("globex", repositories);
    // as the app gets it: a JWT exchanged for the installation's token
    const app = new Octokit({ baseUrl: sim.url, auth: "eyJhbGciOiJSUzI1NiJ9.e30.sig", log: silent, request: { retries: 0 } });
    const { data } = await app.rest.apps.createInstallationAccessToken({ installation_id: id });
    return { id, b: new Octokit({ baseUrl: sim.url, auth: data.token, log: silent, request: { retries: 0 } }) };
  }

  it("installing on another account sends its installation.created, and each installation is found by its id, its repositories and its account", async () => {
    const { id } = await globex(["globex/shop"]);
    await sim.settle();
    expect(id).not.toBe(sim.installationId);
    expect(receiver.received.find((r) => r.event === "installation")?.payload).toMatchObject({
      action: "created",
      installation: { id, account: { login: "globex", type: "Organization" }, repository_selection: "selected" },
      repositories: [{ full_name: "globex/shop" }],
    });
    const app = new Octokit({ baseUrl: sim.url, auth: "eyJhbGciOiJSUzI1NiJ9.e30.sig", log: silent, request: { retries: 0 } });
    expect((await app.rest.apps.listInstallations()).data.map((i) => [i.id, i.account?.login])).toEqual([
      [sim.installationId, "acme"],
      [id, "globex"],
    ]);
    expect((await app.rest.apps.getRepoInstallation({ owner: "globex", repo: "shop" })).data.id).toBe(id);
    expect((await app.rest.apps.getOrgInstallation({ org: "acme" })).data.id).toBe(sim.installationId);
    await expect(app.rest.apps.getInstallation({ installation_id: 999 })).rejects.toMatchObject({ status: 404 });
    // a repository event carries the installation of its account
    sim.as("gina").openIssue("globex/shop", { title: "broken" });
    sim.as("alice").openIssue("acme/web", { title: "slow" });
    await sim.settle();
    const opened = receiver.received.filter((r) => r.event === "issues").map((r) => [(r.payload.repository as { full_name: string }).full_name, (r.payload.installation as { id: number }).id]);
    expect(opened).toEqual([
      ["globex/shop", id],
      ["acme/web", sim.installationId],
    ]);
  });

  it("a token of one installation reaches only its own account's repositories: another's private one is 404, a public one readable but not writable", async () => {
    const { b } = await globex();
    expect((await b.rest.repos.get({ owner: "globex", repo: "shop" })).status).toBe(200);
    expect((await b.rest.apps.listReposAccessibleToInstallation()).data.repositories.map((r) => r.full_name)).toEqual(["globex/shop", "globex/docs"]);
    // acme's installation (the test's octokit) no longer sees globex's private repository, and globex's does not see acme's
    sim.createRepo({ owner: "acme", name: "vault", private: true });
    await expect(octokit.rest.repos.get({ owner: "globex", repo: "shop" })).rejects.toMatchObject({ status: 404 });
    await expect(b.rest.repos.get({ owner: "acme", repo: "vault" })).rejects.toMatchObject({ status: 404 });
    await expect(b.rest.issues.create({ owner: "acme", repo: "web", title: "x" })).rejects.toMatchObject({ status: 403 });
    expect((await b.rest.repos.get({ owner: "acme", repo: "web" })).status).toBe(200);
    expect((await octokit.rest.apps.listReposAccessibleToInstallation()).data.repositories.map((r) => r.full_name)).toEqual(["acme/web", "acme/vault"]);
  });

  it("each installation has its own 5,000 requests an hour, whichever of its tokens spends them, and the hour resets on the simulator's clock", async () => {
    const { id, b } = await globex();
    sim.rateLimits.limits.core = 3;
    const other = new Octokit({ baseUrl: sim.url, auth: sim.installationToken(id), log: silent, request: { retries: 0 } });
    await b.rest.repos.get({ owner: "globex", repo: "shop" });
    await other.rest.repos.get({ owner: "globex", repo: "shop" });
    const last = await b.rest.repos.get({ owner: "globex", repo: "shop" });
    expect(last.headers["x-ratelimit-remaining"]).toBe("0");
    const refused = await other.rest.repos.get({ owner: "globex", repo: "shop" }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403, response: { headers: { "x-ratelimit-remaining": "0", "x-ratelimit-resource": "core" } } });
    expect((refused as Error).message).toMatch(new RegExp(`^API rate limit exceeded for installation ID ${id}\\.`));
    // acme's installation still has its own hour
    expect((await octokit.rest.repos.get({ owner: "acme", repo: "web" })).headers["x-ratelimit-remaining"]).toBe("2");
    sim.clock.advance(HOUR);
    expect((await b.rest.repos.get({ owner: "globex", repo: "shop" })).headers["x-ratelimit-remaining"]).toBe("2");
  });

  it("each installation has its own secondary limits: one installation's content requests past 80 a minute are refused, another's go on", async () => {
    const { b } = await globex();
    sim.rateLimits.secondary.enableContentLimits(2, 500);
    const shop = sim.as("gina").openIssue("globex/shop", { title: "x" }).number;
    const web = sim.as("alice").openIssue("acme/web", { title: "y" }).number;
    for (let i = 0; i < 2; i++) await b.rest.issues.createComment({ owner: "globex", repo: "shop", issue_number: shop, body: `c${i}` });
    await expect(b.rest.issues.createComment({ owner: "globex", repo: "shop", issue_number: shop, body: "too fast" })).rejects.toMatchObject({ status: 403, response: { headers: { "retry-after": "60" } } });
    expect((await octokit.rest.issues.createComment({ owner: "acme", repo: "web", issue_number: web, body: "mine" })).status).toBe(201);
  });

  it("the content limit's hour follows the simulator's clock when it follows the process clock (fake timers move it)", async () => {
    const { b } = await globex();
    sim.rateLimits.secondary.enableContentLimits(80, 2);
    const shop = sim.as("gina").openIssue("globex/shop", { title: "x" }).number;
    let fakeNow = 1_000_000;
    sim.clock.follow(() => fakeNow);
    for (let i = 0; i < 2; i++) await b.rest.issues.createComment({ owner: "globex", repo: "shop", issue_number: shop, body: `c${i}` });
    fakeNow += 10 * 60_000;
    await expect(b.rest.issues.createComment({ owner: "globex", repo: "shop", issue_number: shop, body: "over the hour's" })).rejects.toMatchObject({ status: 403, response: { headers: { "retry-after": "3000" } } });
    fakeNow += 50 * 60_000;
    expect((await b.rest.issues.createComment({ owner: "globex", repo: "shop", issue_number: shop, body: "next hour" })).status).toBe(201);
  });
});
