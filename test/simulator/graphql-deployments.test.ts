import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validate as validateGitHub } from "@octokit/graphql-schema";
import { startSimulator, type Simulator } from "../../src/simulator/index.js";
import { seedDeployment } from "../export/deployments-fixture.js";

const Q = `query($env: [String!], $dir: OrderDirection!) { repository(owner: "acme", name: "web") {
  deployments(first: 10, environments: $env, orderBy: { field: CREATED_AT, direction: $dir }) {
    totalCount nodes { databaseId environment commitOid state ref { name prefix } creator { login __typename } latestStatus { state } statuses(first: 5) { totalCount nodes { state createdAt } } commit { oid } }
  } } }`;

describe("simulator GraphQL Repository.deployments", () => {
  let sim: Simulator;
  let token: string;
  let sha: string;
  const post = async (variables: Record<string, unknown>) =>
    (await (await fetch(`${sim.url}/graphql`, { method: "POST", headers: { authorization: `bearer ${token}` }, body: JSON.stringify({ query: Q, variables }) })).json()) as { data: { repository: { deployments: { totalCount: number; nodes: Array<Record<string, any>> } } } };
  beforeAll(async () => {
    sim = await startSimulator({ webhookSecret: "s", now: "2026-03-01T00:00:00Z" });
    sim.createOrg("acme");
    sim.createRepo({ owner: "acme", name: "web", files: { "README.md": "x" } });
    sha = sim.core.store.repoByName("acme/web").branches.get("main")!.sha;
    seedDeployment(sim, "acme/web", { sha, at: "2026-03-02T10:00:00Z", statuses: [["in_progress", 1], ["success", 2]] });
    seedDeployment(sim, "acme/web", { sha, ref: sha, environment: "staging", at: "2026-03-03T10:00:00Z", creator: "ims-bot[bot]" });
    seedDeployment(sim, "acme/web", { sha, ref: "v1.2.0", at: "2026-03-04T10:00:00Z", statuses: [["failure", 1]] });
    token = sim.userToken("auditor");
  });
  afterAll(async () => sim.stop());

  it("is a query GitHub's schema accepts", () => {
    expect(validateGitHub(Q).map((e) => e.message)).toEqual([]);
  });

  it("lists oldest first by default order, newest first with DESC, and filters by environment", async () => {
    const asc = (await post({ dir: "ASC" })).data.repository.deployments;
    expect(asc.totalCount).toBe(3);
    expect(asc.nodes.map((n) => n.environment)).toEqual(["production", "staging", "production"]);
    const desc = (await post({ dir: "DESC", env: ["production"] })).data.repository.deployments;
    expect(desc.nodes.map((n) => n.ref)).toEqual([{ name: "v1.2.0", prefix: "refs/tags/" }, { name: "main", prefix: "refs/heads/" }]);
  });

  it("derives state from the latest status, null ref for a bare sha, and bots by their slug", async () => {
    const [ok, bare, failed] = (await post({ dir: "ASC" })).data.repository.deployments.nodes;
    expect(ok).toMatchObject({ state: "ACTIVE", latestStatus: { state: "SUCCESS" }, statuses: { totalCount: 2 }, commitOid: sha, commit: { oid: sha } });
    expect(bare).toMatchObject({ state: "PENDING", latestStatus: null, ref: null, creator: { __typename: "Bot", login: "ims-bot" } });
    expect(failed).toMatchObject({ state: "FAILURE", latestStatus: { state: "FAILURE" } });
  });
});
