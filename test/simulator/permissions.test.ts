import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Tokens } from "../../src/simulator/auth.js";
import type { Simulator } from "../../src/simulator/index.js";
import { PERMISSION_ROUTES } from "../../src/simulator/permissions.js";
import { buildRouter } from "../../src/simulator/routes/index.js";
import { useSimulator } from "./helpers.js";

let sim: Simulator;
let octokit: Awaited<ReturnType<typeof import("./helpers.js").setup>>["octokit"];
useSimulator((s) => ({ sim, octokit } = s));

const manifest = parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as { default_permissions: Record<string, string> };

describe("the app's permissions (app.yml) are enforced on installation tokens", () => {
  it("lists the permission of every route the simulator serves, so that no new route skips the check", () => {
    const served = buildRouter(new Tokens()).templates();
    expect(served.filter((t) => !PERMISSION_ROUTES.includes(t))).toEqual([]);
  });

  it("answers 403 'Resource not accessible by integration' to a call the installation has no permission for", async () => {
    sim.setGrantedPermissions({ metadata: "read", issues: "read" });
    const denied = await octokit.rest.issues.create({ owner: "acme", repo: "web", title: "x" }).catch((e: { status: number; response: { data: { message: string } } }) => e);
    expect(denied).toMatchObject({ status: 403, response: { data: { message: "Resource not accessible by integration" } } });
    // reading is still open: only what was not granted is refused
    await expect(octokit.rest.issues.listForRepo({ owner: "acme", repo: "web" })).resolves.toMatchObject({ status: 200 });
  });

  it("opens comments on a pull request, not on an issue, with pull_requests: write alone, as GitHub does", async () => {
    sim.setGrantedPermissions({ metadata: "read", pull_requests: "write" });
    const { issue, pull } = sim.quietly(() => ({
      issue: sim.as("alice").openIssue("acme/web", { title: "t" }),
      pull: sim.as("alice").openPullRequest("acme/web", { title: "p", head: "feature", files: { "a.txt": "a\n" } }),
    }));
    await expect(octokit.rest.issues.createComment({ owner: "acme", repo: "web", issue_number: pull.number, body: "hi" })).resolves.toMatchObject({ status: 201 });
    await expect(octokit.rest.issues.createComment({ owner: "acme", repo: "web", issue_number: issue.number, body: "hi" })).rejects.toMatchObject({ status: 403 });
    await expect(octokit.rest.checks.create({ owner: "acme", repo: "web", name: "c", head_sha: pull.pull.headSha })).rejects.toMatchObject({ status: 403 });
  });

  it("gives installation tokens the permissions the installation accepted, which may lag app.yml", async () => {
    expect(manifest.default_permissions.checks).toBe("write");
    sim.setGrantedPermissions({ metadata: "read", issues: "write" });
    const { data: app } = await octokit.request("GET /repos/{owner}/{repo}/installation", { owner: "acme", repo: "web" });
    expect(app.permissions).toEqual({ metadata: "read", issues: "write" });
    // the app's registration still asks for what app.yml says
    expect(sim.core.app.permissions).toEqual(manifest.default_permissions);
  });
});
