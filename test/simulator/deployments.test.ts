import type { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import type { Simulator } from "../../src/simulator/index.js";
import { checkWebhookPayload } from "../helpers/webhook-schemas.js";
import { asUser, type startReceiver, useSimulator } from "./helpers.js";

let sim: Simulator;
let octokit: Octokit;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const R = "acme/web";
const [owner, repo] = ["acme", "web"];

useSimulator((s) => ({ sim, octokit, receiver } = s));

const events = (): string[] => receiver.received.map((r) => `${r.event}.${r.payload.action ?? ""}`);

describe("deployments, environments and custom protection rules", () => {
  it("holds a job on an environment with the app's rule, sends the callback URL, and starts it once approved", async () => {
    sim.enableDeploymentRule(R, "production");
    const { runId, deployment } = sim.as("alice").runDeployJob(R, { environment: "production", ref: "main" });
    await sim.settle();
    expect(events()).toEqual(["deployment.created", "deployment_protection_rule.requested"]);
    // a job's deployment names the workflow run that made it (a REST deployment's is null)
    expect(receiver.received[0]!.payload).toMatchObject({ workflow: { path: ".github/workflows/deploy.yml" }, workflow_run: { id: runId, head_sha: deployment.sha, head_branch: "main", event: "push" } });
    expect(checkWebhookPayload("deployment", receiver.received[0]!.payload as Record<string, unknown>)).toEqual([]);
    const rule = receiver.received[1]!.payload as Record<string, unknown>;
    expect(rule).toMatchObject({ environment: "production", deployment_callback_url: `${sim.url}/repos/acme/web/actions/runs/${runId}/deployment_protection_rule`, deployment: { id: deployment.id, sha: deployment.sha } });
    await octokit.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule", { owner, repo, run_id: runId, environment_name: "production", state: "approved", comment: "ok" });
    await sim.settle();
    expect(events().at(-1)).toBe("deployment_status.created");
    expect(sim.deploymentGate(runId)?.state).toBe("approved");
    const statuses = await octokit.repos.listDeploymentStatuses({ owner, repo, deployment_id: deployment.id });
    expect(statuses.data.map((s) => s.state)).toEqual(["in_progress"]);
  });

  it("refuses a second answer (422), a too-long comment (422), an unknown run (404) and a person's token (403)", async () => {
    sim.enableDeploymentRule(R, "production");
    const { runId } = sim.as("alice").runDeployJob(R, { environment: "production", ref: "main" });
    const call = (body: Record<string, unknown>, id = runId, o: Octokit = octokit) =>
      o.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule", { owner, repo, run_id: id, environment_name: "production", state: "approved", ...body } as never).then(() => 204, (e: { status: number }) => e.status);
    expect(await call({ state: "rejected", comment: "x".repeat(1025) })).toBe(422);
    expect(await call({ state: "approved" }, 999_999)).toBe(404);
    expect(await call({ state: "approved" }, runId, asUser(sim, "alice"))).toBe(403);
    expect(await call({ state: "rejected", comment: "no" })).toBe(204);
    expect(await call({ state: "approved" })).toBe(422);
    expect(sim.deploymentGate(runId)?.state).toBe("rejected");
  });

  it("creates deployments and statuses through REST, lists them newest first, filters by environment", async () => {
    const a = await octokit.repos.createDeployment({ owner, repo, ref: "main", environment: "staging", auto_merge: false, required_contexts: [] });
    const b = await octokit.repos.createDeployment({ owner, repo, ref: "main", environment: "production", auto_merge: false, required_contexts: [] });
    expect(a.status).toBe(201);
    const id = (b.data as { id: number }).id;
    await octokit.repos.createDeploymentStatus({ owner, repo, deployment_id: id, state: "failure", description: "smoke tests failed" });
    await sim.settle();
    const prod = await octokit.repos.listDeployments({ owner, repo, environment: "production" });
    expect(prod.data.map((d) => d.id)).toEqual([id]);
    expect(events()).toEqual(["deployment.created", "deployment.created", "deployment_status.created"]);
    // made through the REST API: no workflow, no workflow run
    expect(receiver.received.slice(0, 2).map((r) => [r.payload.workflow, r.payload.workflow_run])).toEqual([[null, null], [null, null]]);
  });

  it("squash and rebase merges write the commits GitHub writes, each associated with its pull request", async () => {
    const squash = sim.as("alice").openPullRequest(R, { title: "Squash me", head: "sq", commits: [{ message: "one", files: { "a.txt": "1" } }, { message: "two", files: { "a.txt": "2" } }] });
    const squashSha = sim.as("alice").merge(R, squash.number, { method: "squash" });
    const rebase = sim.as("alice").openPullRequest(R, { title: "Rebase me", head: "rb", commits: [{ message: "three", files: { "b.txt": "1" } }, { message: "four", files: { "b.txt": "2" } }] });
    const rebaseSha = sim.as("alice").merge(R, rebase.number, { method: "rebase" });
    const history = await octokit.repos.listCommits({ owner, repo, sha: "main" });
    expect(history.data.slice(0, 3).map((c) => [c.commit.message, c.parents.length])).toEqual([["four", 1], ["three", 1], ["Squash me (#1)", 1]]);
    expect(history.data[0]!.sha).toBe(rebaseSha);
    expect(history.data[2]!.sha).toBe(squashSha);
    for (const [sha, n] of [[squashSha, 1], [history.data[1]!.sha, 2], [rebaseSha, 2]] as const) {
      const prs = await octokit.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha });
      expect(prs.data.map((p) => p.number)).toEqual([n]);
    }
    // the squashed pull request's own commits are not on main: none is associated with a merged pull request
    const original = sim.pull(R, 1).pull.commits[0]!;
    expect((await octokit.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: original })).data).toEqual([]);
  });
});
