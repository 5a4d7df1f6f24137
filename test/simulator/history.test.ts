import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import { buildClientSchema, parse, validate, type IntrospectionQuery } from "graphql";
import { describe, expect, it } from "vitest";
import type { Octokit } from "@octokit/rest";
import type { Simulator } from "../../src/simulator/index.js";
import { type startReceiver, useSimulator } from "./helpers.js";

let sim: Simulator;
let octokit: Octokit;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

useSimulator((s) => ({ sim, octokit, receiver } = s));

const REPO = "acme/web";
const require = createRequire(import.meta.url);

/** Validates against a component schema of GitHub's OpenAPI description (loaded from disk, 13 MB). */
function openApiValidator(component: string) {
  const spec = JSON.parse(readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.json"), "utf8")) as object;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(spec, "gh");
  return ajv.compile({ $ref: `gh#/components/schemas/${component}` });
}

const GITHUB_SCHEMA = buildClientSchema(JSON.parse(readFileSync(new URL("../../node_modules/@octokit/graphql-schema/schema.json", import.meta.url), "utf8")) as IntrospectionQuery);

describe("simulator: pull request history as GitHub records it", () => {
  it("the repository activity API lists who created, pushed and force-pushed a branch, newest first, filtered by ref and actor", async () => {
    const pr = sim.as("alice").openPullRequest(REPO, { title: "t", head: "feat", files: { "a.txt": "1\n" } });
    sim.as("bob").pushCommits(REPO, pr.number, [{ message: "b", files: { "b.txt": "2\n" } }]);
    sim.as("sec1").pushCommits(REPO, pr.number, [{ message: "c", files: { "a.txt": "3\n" } }], { force: true });
    const all = await octokit.request("GET /repos/{owner}/{repo}/activity", { owner: "acme", repo: "web", ref: "feat" });
    expect(all.data.map((a) => [a.activity_type, a.actor?.login, a.ref])).toEqual([
      ["force_push", "sec1", "refs/heads/feat"],
      ["push", "bob", "refs/heads/feat"],
      ["branch_creation", "alice", "refs/heads/feat"],
    ]);
    expect(all.data[1]!.after).not.toBe(all.data[1]!.before);
    const valid = openApiValidator("activity");
    for (const a of all.data) expect(valid(a), JSON.stringify(valid.errors)).toBe(true);
    const bob = await octokit.request("GET /repos/{owner}/{repo}/activity", { owner: "acme", repo: "web", ref: "refs/heads/feat", actor: "bob" });
    expect(bob.data.map((a) => a.activity_type)).toEqual(["push"]);
    const pages = await octokit.paginate("GET /repos/{owner}/{repo}/activity", { owner: "acme", repo: "web", ref: "feat", per_page: 1 });
    expect(pages).toHaveLength(3);
  });

  it("a base change emits pull_request.edited with changes.base and records base_ref_changed with its actor", async () => {
    sim.as("alice").push(REPO, "scratch", [{ message: "s", files: { "s.txt": "s\n" } }]);
    const pr = sim.as("alice").openPullRequest(REPO, { title: "t", head: "feat", base: "scratch", files: { "a.txt": "1\n" } });
    expect(sim.pull(REPO, pr.number).pull.commits).toHaveLength(1);
    await sim.settle();
    receiver.received.length = 0;
    sim.as("bob").editPullRequest(REPO, pr.number, { base: "main" });
    await sim.settle();
    const edited = receiver.received.find((r) => r.event === "pull_request")!.payload as Record<string, any>;
    expect(edited.action).toBe("edited");
    expect(edited.changes.base.ref.from).toBe("scratch");
    expect(edited.changes.base.sha.from).toMatch(/^[0-9a-f]{40}$/);
    expect(edited.pull_request.base.ref).toBe("main");
    expect(sim.pull(REPO, pr.number).pull.commits).toHaveLength(2); // scratch's commit is now part of it
    const timeline = await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}/timeline", { owner: "acme", repo: "web", issue_number: pr.number });
    const changed = timeline.data.find((e) => (e as { event?: string }).event === "base_ref_changed") as { actor?: { login: string } } | undefined;
    expect(changed?.actor?.login).toBe("bob");
  });

  it("GraphQL Commit.authors links a co-author's work e-mail to the account, and BaseRefChangedEvent says from and to", async () => {
    sim.linkEmail("sec1", "s.one@acme.example");
    sim.as("alice").push(REPO, "scratch", [{ message: "s", files: { "s.txt": "s\n" } }]);
    const pr = sim.as("alice").openPullRequest(REPO, { title: "t", head: "feat", base: "scratch", commits: [{ message: "pair", files: { "a.txt": "1\n" }, coAuthors: [{ name: "S. One", email: "s.one@acme.example" }, { name: "Pat", email: "pat@elsewhere.example" }] }] });
    sim.as("bob").editPullRequest(REPO, pr.number, { base: "main" });
    const query = `query($n: Int!) { repository(owner: "acme", name: "web") { pullRequest(number: $n) {
      commits(first: 10) { nodes { commit { oid committer { email user { login } } authors(first: 5) { totalCount nodes { name email user { login } } } } } }
      timelineItems(first: 10, itemTypes: [BASE_REF_CHANGED_EVENT]) { nodes { __typename ... on BaseRefChangedEvent { actor { login } previousRefName currentRefName createdAt } } }
    } } }`;
    expect(validate(GITHUB_SCHEMA, parse(query))).toEqual([]); // the simulator's subset answers a query GitHub accepts
    const data = await octokit.graphql<any>(query, { n: pr.number });
    const authors = data.repository.pullRequest.commits.nodes.at(-1).commit.authors.nodes;
    expect(authors.map((a: any) => a.user?.login ?? null)).toEqual(["alice", "sec1", null]);
    expect(data.repository.pullRequest.timelineItems.nodes).toEqual([{ __typename: "BaseRefChangedEvent", actor: { login: "bob" }, previousRefName: "scratch", currentRefName: "main", createdAt: expect.any(String) }]);
  });
});
