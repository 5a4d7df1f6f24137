import type { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import type { Simulator } from "../../src/simulator/index.js";
import { checkWebhookPayload } from "../helpers/webhook-schemas.js";
import { type startReceiver, useSimulator } from "./helpers.js";

let sim: Simulator;
let octokit: Octokit;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

useSimulator((s) => ({ sim, octokit, receiver } = s));

const REPO = "acme/web";
const owner = "acme";
const repo = "web";
const mainSha = (): string => sim.core.store.repoByName(REPO).branches.get("main")!.sha;

describe("simulator: force-pushing a branch as GitHub does", () => {
  it("rewrites the branch, says forced in the push webhook, and the old head is no longer an ancestor (compare: diverged)", async () => {
    const base = mainSha();
    const [dropped] = sim.as("alice").push(REPO, "main", [{ message: "approved work", files: { "a.txt": "a\n" } }]);
    const [replacement] = sim.as("bob").forcePush(REPO, "main", base, [{ message: "rewritten", files: { "b.txt": "b\n" } }]);
    await sim.settle();
    const push = receiver.received.filter((r) => r.event === "push").at(-1)!.payload as Record<string, unknown>;
    expect(push).toMatchObject({ ref: "refs/heads/main", before: dropped!.sha, after: replacement!.sha, forced: true });
    expect(checkWebhookPayload("push", push)).toEqual([]);
    const cmp = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${dropped!.sha}...${replacement!.sha}` });
    expect(cmp.data.status).toBe("diverged");
    expect(cmp.data.commits.map((c) => c.sha)).toEqual([replacement!.sha]);
    const activity = await octokit.request("GET /repos/{owner}/{repo}/activity", { owner, repo, ref: "main" });
    expect(activity.data[0]).toMatchObject({ activity_type: "force_push", before: dropped!.sha, after: replacement!.sha });
  });

  it("a fast-forward is not forced", async () => {
    const [next] = sim.as("alice").push(REPO, "side", [{ message: "ahead", files: { "c.txt": "c\n" } }]);
    const before = mainSha();
    sim.as("alice").forcePush(REPO, "main", next!.sha);
    await sim.settle();
    const push = receiver.received.filter((r) => r.event === "push").at(-1)!.payload as Record<string, unknown>;
    expect(push).toMatchObject({ before, after: next!.sha, forced: false });
  });

  it("a protected branch refuses it unless force pushes are allowed on it", async () => {
    const head = mainSha();
    sim.protectBranch(REPO, "main", ["ci"]);
    expect(() => sim.as("bob").forcePush(REPO, "main", head, [{ message: "x", files: { "x.txt": "x\n" } }])).toThrow(/GH006/);
    sim.protectBranch(REPO, "main", ["ci"], { allowForcePushes: true });
    expect(sim.as("bob").forcePush(REPO, "main", head, [{ message: "x", files: { "x.txt": "x\n" } }])).toHaveLength(1);
  });
});
