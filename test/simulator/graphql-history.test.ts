import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validate as validateGitHub } from "@octokit/graphql-schema";
import { startSimulator, type Simulator } from "../../src/simulator/index.js";
import { BRANCH_HISTORY } from "../../src/evidence/export/queries/history.js";

type Node = { oid: string; messageHeadline: string; url: string; associatedPullRequests: { nodes: Array<{ number: number; merged: boolean; baseRefName: string }> } };

describe("simulator GraphQL defaultBranchRef.target.history and Commit.associatedPullRequests", () => {
  let sim: Simulator;
  let token: string;
  let pull = 0;
  const history = async (vars: Record<string, unknown>) => {
    const res = (await (await fetch(`${sim.url}/graphql`, { method: "POST", headers: { authorization: `bearer ${token}` }, body: JSON.stringify({ query: BRANCH_HISTORY, variables: { owner: "acme", name: "web", since: "2026-03-01T00:00:00Z", until: "2026-03-31T23:59:59Z", ...vars } }) })).json()) as { data: { repository: { defaultBranchRef: { name: string; target: { history: { totalCount: number; nodes: Node[] } } } } } };
    return res.data.repository.defaultBranchRef;
  };
  beforeAll(async () => {
    sim = await startSimulator({ webhookSecret: "s", now: "2026-02-20T00:00:00Z" });
    sim.createOrg("acme");
    sim.createRepo({ owner: "acme", name: "web", files: { "README.md": "x" } });
    sim.quietly(() => {
      sim.clock.set("2026-03-05T10:00:00Z");
      sim.as("mallory").push("acme/web", "main", [{ message: "Direct config edit", files: { ".github/ims.yml": "change: {}\n" } }]);
      sim.clock.set("2026-03-06T10:00:00Z");
      const pr = sim.as("alice").openPullRequest("acme/web", { title: "Feature", head: "feat", files: { "src/a.ts": "a\n" } });
      pull = pr.number;
      sim.clock.set("2026-03-07T10:00:00Z");
      sim.as("alice").merge("acme/web", pr.number);
    });
    token = sim.userToken("auditor");
  });
  afterAll(async () => sim.stop());

  it("the exporter's query is one GitHub's schema accepts", () => {
    expect(validateGitHub(BRANCH_HISTORY).map((e) => e.message)).toEqual([]);
  });

  it("lists the default branch's commits in the window, newest first, with the merged pull request that brought each", async () => {
    const ref = await history({});
    expect(ref.name).toBe("main");
    const nodes = ref.target.history.nodes;
    // the repository's first commit (20 February) is before the window
    expect(nodes.some((n) => n.messageHeadline === "Direct config edit")).toBe(true);
    expect(nodes.at(-1)!.messageHeadline).toBe("Direct config edit");
    const direct = nodes.find((n) => n.messageHeadline === "Direct config edit")!;
    expect(direct.associatedPullRequests.nodes).toEqual([]);
    expect(direct.url).toMatch(new RegExp(`/acme/web/commit/${direct.oid}$`));
    const merged = nodes.filter((n) => n.associatedPullRequests.nodes.some((p) => p.number === pull));
    expect(merged.length).toBeGreaterThan(0);
    expect(merged[0]!.associatedPullRequests.nodes[0]).toMatchObject({ merged: true, baseRefName: "main" });
  });

  it("narrows to a file or folder with path, as git log -- path", async () => {
    expect((await history({ path: ".github/ims.yml" })).target.history.nodes.map((n) => n.messageHeadline)).toEqual(["Direct config edit"]);
    expect((await history({ path: "src" })).target.history.nodes.every((n) => n.associatedPullRequests.nodes.some((p) => p.number === pull))).toBe(true);
    expect((await history({ path: "docs" })).target.history.nodes).toEqual([]);
    expect((await history({ until: "2026-03-01T00:00:00Z" })).target.history.nodes).toEqual([]);
  });
});
