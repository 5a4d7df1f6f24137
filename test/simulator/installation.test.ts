import { describe, expect, it } from "vitest";
import type { Simulator } from "../../src/simulator/index.js";
import { useSimulator, type setup } from "./helpers.js";

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
