import { validate as validateGitHub } from "@octokit/graphql-schema";
import { parse, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ISSUES_STALE_OPEN, ISSUES_UPDATED } from "../../src/evidence/export/queries/issues.js";
import { OVERFLOW } from "../../src/evidence/export/queries/overflow.js";
import { PULLS } from "../../src/evidence/export/queries/pulls.js";
import { DEPLOYMENT_RUNS, DEPLOYMENTS } from "../../src/evidence/export/queries/deployments.js";
import { BRANCH_HISTORY } from "../../src/evidence/export/queries/history.js";
import { queryCost } from "../../src/simulator/graphql/cost.js";
import { simulatorSchema } from "../../src/simulator/graphql/schema.js";
import { startSimulator, type Simulator } from "../../src/simulator/index.js";
import { takeViolations } from "../../src/simulator/oracle.js";

const DOCS: Record<string, string> = { ISSUES_UPDATED, ISSUES_STALE_OPEN, PULLS, DEPLOYMENTS, DEPLOYMENT_RUNS, BRANCH_HISTORY, ...Object.fromEntries(Object.entries(OVERFLOW).map(([k, v]) => [k, v.query])) };

describe("the exporter's GraphQL documents", () => {
  it.each(Object.keys(DOCS))("%s is valid against GitHub's published schema (@octokit/graphql-schema)", (name) => {
    expect(validateGitHub(DOCS[name]!).map((e) => e.message)).toEqual([]);
  });

  it.each(Object.keys(DOCS))("%s is valid against the simulator's subset", (name) => {
    expect(validate(simulatorSchema(), parse(DOCS[name]!)).map((e) => e.message)).toEqual([]);
  });

  it("a page of 100 records costs a few points, as GitHub counts nested connections", () => {
    const vars = { owner: "o", name: "r", label: "ims:incident", since: "2026-01-01T00:00:00Z" };
    expect(queryCost(parse(ISSUES_UPDATED), vars)).toBe(2);
    expect(queryCost(parse(PULLS), vars)).toBeLessThanOrEqual(12);
    // 100 deployments, each with statuses and the app's runs on the deployed commit
    expect(queryCost(parse(DEPLOYMENTS), vars)).toBeLessThanOrEqual(7);
  });
});

describe("simulator POST /graphql", () => {
  let sim: Simulator;
  let token: string;
  const post = async (query: string, variables: Record<string, unknown> = {}) =>
    (await fetch(`${sim.url}/graphql`, { method: "POST", headers: { authorization: `bearer ${token}` }, body: JSON.stringify({ query, variables }) })).json() as Promise<Record<string, any>>;
  beforeAll(async () => {
    sim = await startSimulator({ webhookSecret: "s", now: "2026-03-01T00:00:00Z" });
    sim.createOrg("acme");
    sim.createRepo({ owner: "acme", name: "web" });
    sim.quietly(() => {
      for (let i = 0; i < 150; i++) sim.as("alice").openIssue("acme/web", { title: `#${i}`, labels: ["ims:incident"] });
    });
    token = sim.userToken("auditor");
  });
  afterAll(async () => sim.stop());

  it("pages a connection with GitHub's cursors, pageInfo and totalCount, counting each request in the log", async () => {
    sim.resetRequestLog();
    const q = `query($after: String) { repository(owner: "acme", name: "web") { issues(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { number } } } }`;
    const a = await post(q);
    expect(a.data.repository.issues.totalCount).toBe(150);
    expect(a.data.repository.issues.nodes).toHaveLength(100);
    expect(a.data.repository.issues.pageInfo.hasNextPage).toBe(true);
    const b = await post(q, { after: a.data.repository.issues.pageInfo.endCursor });
    expect(b.data.repository.issues.nodes.map((n: { number: number }) => n.number)[0]).toBe(101);
    expect(b.data.repository.issues.pageInfo.hasNextPage).toBe(false);
    expect(sim.requestCounts()).toEqual({ "POST /graphql": 2 });
  });

  it("answers like GitHub for a missing repository, too large a page and an unknown field", async () => {
    const missing = await post(`{ rateLimit { cost remaining resetAt } repository(owner: "acme", name: "nope") { nameWithOwner } }`);
    expect(missing.data.repository).toBeNull();
    expect(missing.errors[0]).toMatchObject({ type: "NOT_FOUND", path: ["repository"] });
    expect(missing.data.rateLimit.cost).toBe(1);
    const big = await post(`{ repository(owner: "acme", name: "web") { issues(first: 101) { totalCount } } }`);
    expect(big.errors[0].message).toMatch(/exceeds the `first` limit of 100/);
    const unknown = await post(`{ viewer { login } }`);
    expect(unknown.errors[0].message).toMatch(/Cannot query field "viewer"/);
    const anonymous = await fetch(`${sim.url}/graphql`, { method: "POST", body: "{}" });
    expect(anonymous.status).toBe(401);
    // the request oracle saw the query-less request too; this one is on purpose
    expect(takeViolations()).toEqual(["request POST /graphql: Syntax Error: Unexpected <EOF>."]);
  });
});
