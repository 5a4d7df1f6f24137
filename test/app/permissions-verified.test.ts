import { readdirSync, readFileSync } from "node:fs";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { GRAPHQL_NEEDS, PERMISSION_ROUTES, permissionNeeds, type Need } from "../../src/simulator/permissions.js";

const ROOT = new URL("../../", import.meta.url);
const GITHUB_DIR = new URL("src/github/", ROOT);
const manifest = parse(readFileSync(new URL("app.yml", ROOT), "utf8")) as { default_permissions: Record<string, string> };
// GitHub's REST description (not its root module: the generated JSON, read once)
const openapi = JSON.parse(readFileSync(new URL("node_modules/@octokit/openapi/generated/api.github.com.json", ROOT), "utf8")) as {
  paths: Record<string, Record<string, { "x-github"?: { enabledForGitHubApps?: boolean } }>>;
};

const shape = (route: string) => route.replace(/\{[^}]+\}/g, "{}");

/** Every REST route the app's GitHub layer calls: `octokit.rest.<scope>.<method>` and string routes. */
function routesTheAppCalls(): string[] {
  const octokit = new ProbotOctokit() as unknown as { rest: Record<string, Record<string, { endpoint: { DEFAULTS: { method: string; url: string } } }>> };
  const routes = new Set<string>();
  for (const file of readdirSync(GITHUB_DIR).filter((f) => f.endsWith(".ts"))) {
    const text = readFileSync(new URL(file, GITHUB_DIR), "utf8");
    for (const [, scope, method] of text.matchAll(/\.rest\.([a-zA-Z]+)\.([a-zA-Z]+)/g)) {
      const d = octokit.rest[scope!]?.[method!]?.endpoint.DEFAULTS;
      if (!d) throw new Error(`${file}: octokit.rest.${scope}.${method} is not an Octokit method`);
      routes.add(`${d.method} ${d.url}`);
    }
    for (const [, route] of text.matchAll(/(?:request|paginate|iterator)\(\s*"((?:GET|POST|PATCH|PUT|DELETE) \/[^"]+)"/g)) routes.add(route!);
  }
  // installation tokens (Probot's auth) and the app's own identity
  routes.add("POST /app/installations/{installation_id}/access_tokens");
  return [...routes].sort();
}

/** The simulator's row for a route, matched by shape (parameter names differ: `{ref}` / `{commit_sha}`). */
function rowOf(route: string): readonly Need[] | null | undefined {
  const key = PERMISSION_ROUTES.find((k) => shape(k) === shape(route));
  return key === undefined ? undefined : permissionNeeds(key);
}

/**
 * Rows read from GitHub's own data for "Permissions required for GitHub Apps" (github/docs,
 * src/github-apps/data/fpt-2022-11-28/server-to-server-permissions.json at 57528e22, server-to-server
 * rows): each route the app calls that the data lists, and every permission set that opens it
 * ("additional-permissions": the route is listed under more than one permission, any one suffices).
 */
const GITHUB_DATA: Record<string, Array<[string, "read" | "write"]>> = {
  "GET /repos/{owner}/{repo}": [["metadata", "read"]],
  "GET /repos/{owner}/{repo}/collaborators/{username}/permission": [["metadata", "read"]],
  "GET /repos/{owner}/{repo}/rules/branches/{branch}": [["metadata", "read"]],
  "POST /repos/{owner}/{repo}/check-runs": [["checks", "write"]],
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": [["checks", "write"]],
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": [["checks", "read"]],
  "GET /repos/{owner}/{repo}/pulls": [["pull_requests", "read"]],
  "POST /repos/{owner}/{repo}/pulls": [["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/pulls/{pull_number}": [["pull_requests", "read"], ["contents", "read"]],
  "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": [["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits": [["pull_requests", "read"]],
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": [["pull_requests", "read"]],
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": [["pull_requests", "read"]],
  "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls": [["pull_requests", "read"]],
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": [["issues", "write"], ["pull_requests", "write"]],
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": [["issues", "write"], ["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": [["issues", "read"], ["pull_requests", "read"]],
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": [["issues", "write"], ["pull_requests", "write"]],
  "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}": [["issues", "write"], ["pull_requests", "write"]],
  "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": [["issues", "write"], ["pull_requests", "write"]],
  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}": [["issues", "write"], ["pull_requests", "write"]],
  "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees": [["issues", "write"], ["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline": [["issues", "read"], ["pull_requests", "read"]],
  "GET /repos/{owner}/{repo}/labels": [["issues", "read"], ["pull_requests", "read"]],
  "POST /repos/{owner}/{repo}/labels": [["issues", "write"], ["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/git/ref/{ref}": [["contents", "read"]],
  "POST /repos/{owner}/{repo}/git/refs": [["contents", "write"]],
  "GET /repos/{owner}/{repo}/branches/{branch}/protection": [["administration", "read"]],
  "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks": [["administration", "read"]],
  "GET /orgs/{org}/teams": [["members", "read"]],
  "GET /orgs/{org}/members/{username}": [["members", "read"]],
  "GET /repos/{owner}/{repo}/dependabot/alerts": [["vulnerability_alerts", "read"]],
  "GET /repos/{owner}/{repo}/code-scanning/alerts": [["security_events", "read"]],
  "GET /repos/{owner}/{repo}/secret-scanning/alerts": [["secret_scanning_alerts", "read"]],
  "GET /orgs/{org}/dependabot/alerts": [["vulnerability_alerts", "read"]],
  "GET /orgs/{org}/code-scanning/alerts": [["security_events", "read"]],
  "GET /orgs/{org}/secret-scanning/alerts": [["secret_scanning_alerts", "read"]],
};

const RANK: Record<string, number> = { read: 1, write: 2, admin: 3 };
const grants = ([permission, access]: Need) => permission === "metadata" || (RANK[manifest.default_permissions[permission] ?? ""] ?? 0) >= RANK[access]!;

describe("every endpoint the app calls has its GitHub permission listed, agreed with GitHub's description, and granted by app.yml", () => {
  const routes = routesTheAppCalls();

  it("finds the app's calls (a scan that finds none would prove nothing)", () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes).toContain("POST /repos/{owner}/{repo}/issues/{issue_number}/comments");
    expect(routes).toContain("GET /installation/repositories");
  });

  it("each route has a row in src/simulator/permissions.ts", () => {
    expect(routes.filter((r) => rowOf(r) === undefined)).toEqual([]);
  });

  it("each route is in GitHub's REST description and marked as working with GitHub Apps (x-github.enabledForGitHubApps)", () => {
    const problems = routes.flatMap((r) => {
      const [method, path] = r.split(" ");
      const key = Object.keys(openapi.paths).find((p) => shape(p) === shape(path!));
      const op = key ? openapi.paths[key]?.[method!.toLowerCase()] : undefined;
      if (!op) return [`${r}: not in @octokit/openapi`];
      return op["x-github"]?.enabledForGitHubApps === true ? [] : [`${r}: not enabled for GitHub Apps`];
    });
    expect(problems).toEqual([]);
  });

  it("each row agrees with GitHub's permission data where that lists the route: the same permission sets, at the same levels", () => {
    const disagree = Object.entries(GITHUB_DATA).flatMap(([route, sets]) => {
      const row = rowOf(route);
      if (row === undefined) return [`${route}: no row`];
      const ours = (row ?? []).map(([p, a]) => `${p}:${a}`).sort();
      const theirs = sets.map(([p, a]) => `${p}:${a}`).sort();
      return JSON.stringify(ours) === JSON.stringify(theirs) ? [] : [`${route}: ours ${ours.join(",")}, GitHub's ${theirs.join(",")}`];
    });
    expect(disagree).toEqual([]);
  });

  it("app.yml grants at least one of the permission sets of each row (metadata comes with any installation)", () => {
    const refused = routes.filter((r) => {
      const needs = rowOf(r);
      return needs != null && !needs.some(grants);
    });
    expect(refused).toEqual([]);
  });

  it("app.yml grants what the GraphQL query reads", () => {
    expect(Object.entries(GRAPHQL_NEEDS).filter(([, needs]) => !needs.some(grants)).map(([part]) => part)).toEqual([]);
  });

  it("README's permission table lists exactly app.yml's permissions at app.yml's levels", () => {
    const readme = readFileSync(new URL("README.md", ROOT), "utf8");
    const section = readme.slice(readme.indexOf("## Permissions"), readme.indexOf("\n## ", readme.indexOf("## Permissions") + 5));
    const rows = Object.fromEntries([...section.matchAll(/^\| `([a-z_]+)` \| (read|write|admin) \|/gm)].map((m) => [m[1], m[2]]));
    expect(rows).toEqual(manifest.default_permissions);
  });

  it("app.yml asks for nothing no row needs (least privilege)", () => {
    const needed = new Set(routes.flatMap((r) => (rowOf(r) ?? []).map(([p]) => p)).concat(Object.values(GRAPHQL_NEEDS).flat().map(([p]) => p)));
    expect(Object.keys(manifest.default_permissions).filter((p) => !needed.has(p))).toEqual([]);
  });
});
