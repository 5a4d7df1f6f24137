import { HttpError } from "./errors.js";

/**
 * A GitHub App permission at a level, e.g. `["issues", "write"]`; with "on a pull request", it opens
 * the route only when the issue (or comment) addressed belongs to a pull request.
 */
export type Need = [permission: string, access: "read" | "write", onPull?: "on a pull request"];

/**
 * The permission an installation token needs for each route the simulator serves, from GitHub's
 * "Permissions required for GitHub Apps" (the docs' server-to-server data, REST API 2022-11-28).
 * A route lists alternatives: any one of them suffices (GitHub: "at least one of the following
 * permission sets"), as for comments and labels, which the Issues or the Pull requests permission
 * opens on a pull request alike. `null`: no repository or organisation permission (public data, the
 * app's own installation). GraphQL is left out: GitHub checks it per object, not per route.
 *
 * Checked against the data GitHub's docs build that page from (github/docs,
 * `src/github-apps/data/fpt-2022-11-28/server-to-server-permissions.json`), section by section for
 * the routes the app calls: metadata, checks, pull_requests (with its "additional permissions" on
 * the issue routes a pull request shares), contents, administration (branch protection) and members
 * (`GET /orgs/{org}/teams`, `GET /orgs/{org}/members/{username}`); test/app/permissions-verified.test.ts
 * pins what was read. Not listed there, so kept at the level GitHub's REST reference names for
 * fine-grained tokens: the team-by-slug routes (Members read).
 */
const PR = "on a pull request";

const ROUTES: Record<string, Need[] | null> = {
  // metadata: every installation has it, and GitHub grants it with any repository permission
  "GET /repos/{owner}/{repo}": [["metadata", "read"]],
  "GET /repos/{owner}/{repo}/collaborators": [["metadata", "read"]],
  "GET /repos/{owner}/{repo}/collaborators/{username}": [["metadata", "read"]],
  "GET /repos/{owner}/{repo}/collaborators/{username}/permission": [["metadata", "read"]],
  "GET /repos/{owner}/{repo}/rules/branches/{branch}": [["metadata", "read"]],
  "GET /orgs/{org}/repos": [["metadata", "read"]],
  "GET /users/{username}/repos": [["metadata", "read"]],
  // GitHub lists no permission for the issue search: its results are what the token can read
  "GET /search/issues": null,
  "GET /orgs/{org}": null,
  "GET /users/{username}": null,
  // security alerts (issue 13): Dependabot alerts, code scanning alerts (security events), secret scanning alerts
  "GET /repos/{owner}/{repo}/dependabot/alerts": [["vulnerability_alerts", "read"]],
  "GET /repos/{owner}/{repo}/dependabot/alerts/{alert_number}": [["vulnerability_alerts", "read"]],
  "GET /repos/{owner}/{repo}/code-scanning/alerts": [["security_events", "read"]],
  "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}": [["security_events", "read"]],
  "GET /repos/{owner}/{repo}/secret-scanning/alerts": [["secret_scanning_alerts", "read"]],
  "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}": [["secret_scanning_alerts", "read"]],
  "GET /orgs/{org}/dependabot/alerts": [["vulnerability_alerts", "read"]],
  "GET /orgs/{org}/code-scanning/alerts": [["security_events", "read"]],
  "GET /orgs/{org}/secret-scanning/alerts": [["secret_scanning_alerts", "read"]],
  // contents
  "GET /repos/{owner}/{repo}/activity": [["contents", "read"]],
  "GET /repos/{owner}/{repo}/branches": [["contents", "read"]],
  "GET /repos/{owner}/{repo}/branches/{branch}": [["contents", "read"]],
  "GET /repos/{owner}/{repo}/commits/{ref}": [["contents", "read"]],
  "GET /repos/{owner}/{repo}/compare/{basehead}": [["contents", "read"]],
  "GET /repos/{owner}/{repo}/contents/{path}": [["contents", "read"]],
  "PUT /repos/{owner}/{repo}/contents/{path}": [["contents", "write"]],
  "GET /repos/{owner}/{repo}/git/ref/{ref}": [["contents", "read"]],
  "POST /repos/{owner}/{repo}/git/refs": [["contents", "write"]],
  "POST /repos/{owner}/{repo}/dispatches": [["contents", "write"]],
  "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge": [["contents", "write"]],
  // issues (and, where GitHub lists both, pull requests: the same endpoints serve a pull request's conversation)
  "GET /repos/{owner}/{repo}/issues": [["issues", "read"]],
  "POST /repos/{owner}/{repo}/issues": [["issues", "write"]],
  "GET /repos/{owner}/{repo}/issues/{issue_number}": [["issues", "read"]],
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": [["issues", "write"], ["pull_requests", "write", PR]],
  "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees": [["issues", "write"], ["pull_requests", "write", PR]],
  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees": [["issues", "write"], ["pull_requests", "write", PR]],
  "GET /repos/{owner}/{repo}/issues/comments": [["issues", "read"], ["pull_requests", "read"]],
  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}": [["issues", "read"], ["pull_requests", "read", PR]],
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": [["issues", "write"], ["pull_requests", "write", PR]],
  "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}": [["issues", "write"], ["pull_requests", "write", PR]],
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": [["issues", "read"], ["pull_requests", "read", PR]],
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": [["issues", "write"], ["pull_requests", "write", PR]],
  "GET /repos/{owner}/{repo}/issues/{issue_number}/labels": [["issues", "read"], ["pull_requests", "read", PR]],
  "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": [["issues", "write"], ["pull_requests", "write", PR]],
  "PUT /repos/{owner}/{repo}/issues/{issue_number}/labels": [["issues", "write"], ["pull_requests", "write", PR]],
  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels": [["issues", "write"], ["pull_requests", "write", PR]],
  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}": [["issues", "write"], ["pull_requests", "write", PR]],
  "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline": [["issues", "read"], ["pull_requests", "read", PR]],
  "GET /repos/{owner}/{repo}/labels": [["issues", "read"], ["pull_requests", "read"]],
  "POST /repos/{owner}/{repo}/labels": [["issues", "write"], ["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/labels/{name}": [["issues", "read"], ["pull_requests", "read"]],
  "PATCH /repos/{owner}/{repo}/labels/{name}": [["issues", "write"], ["pull_requests", "write"]],
  "DELETE /repos/{owner}/{repo}/labels/{name}": [["issues", "write"], ["pull_requests", "write"]],
  // pull requests
  "GET /repos/{owner}/{repo}/pulls": [["pull_requests", "read"]],
  "POST /repos/{owner}/{repo}/pulls": [["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/pulls/{pull_number}": [["pull_requests", "read"], ["contents", "read"]],
  "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": [["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits": [["pull_requests", "read"]],
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": [["pull_requests", "read"]],
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/merge": [["pull_requests", "read"]],
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": [["pull_requests", "read"]],
  "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews": [["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}": [["pull_requests", "read"]],
  "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}": [["pull_requests", "write"]],
  "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals": [["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/commits/{ref}/pulls": [["pull_requests", "read"]],
  // deployments (GitHub: the custom protection rule's review needs Deployments write)
  "GET /repos/{owner}/{repo}/commits": [["contents", "read"]],
  "GET /repos/{owner}/{repo}/deployments": [["deployments", "read"]],
  "POST /repos/{owner}/{repo}/deployments": [["deployments", "write"]],
  "GET /repos/{owner}/{repo}/deployments/{deployment_id}": [["deployments", "read"]],
  "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses": [["deployments", "read"]],
  "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses": [["deployments", "write"]],
  "POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule": [["deployments", "write"]],
  // checks
  "POST /repos/{owner}/{repo}/check-runs": [["checks", "write"]],
  "GET /repos/{owner}/{repo}/check-runs/{check_run_id}": [["checks", "read"]],
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": [["checks", "write"]],
  "POST /repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest": [["checks", "write"]],
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": [["checks", "read"]],
  // administration
  "GET /repos/{owner}/{repo}/branches/{branch}/protection": [["administration", "read"]],
  "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks": [["administration", "read"]],
  // organisation members
  "GET /orgs/{org}/members/{username}": [["members", "read"]],
  "GET /orgs/{org}/teams": [["members", "read"]],
  "GET /orgs/{org}/teams/{team_slug}": [["members", "read"]],
  "GET /orgs/{org}/teams/{team_slug}/members": [["members", "read"]],
  "GET /orgs/{org}/teams/{team_slug}/memberships/{username}": [["members", "read"]],
  // the app and its installation: the JWT or the token itself is the permission
  "GET /app": null,
  "GET /app/installations": null,
  "GET /app/installations/{installation_id}": null,
  "POST /app/installations/{installation_id}/access_tokens": null,
  "GET /repos/{owner}/{repo}/installation": null,
  "GET /orgs/{org}/installation": null,
  "GET /users/{username}/installation": null,
  "GET /installation/repositories": null,
  "POST /graphql": null,
};

/**
 * What the app's one GraphQL query (src/github/pr-history.ts) reads, and the permission each part
 * needs. GitHub publishes no per-field table for GraphQL: an installation token sees an object when
 * it could read it over REST, so each row is the REST equivalent's (a pull request's commits:
 * `GET /repos/{owner}/{repo}/pulls/{pull_number}/commits`, Pull requests read; its timeline events:
 * `GET /repos/{owner}/{repo}/issues/{issue_number}/timeline`, Issues or Pull requests read).
 */
export const GRAPHQL_NEEDS: Readonly<Record<string, Need[]>> = {
  "repository.pullRequest.commits": [["pull_requests", "read"]],
  "repository.pullRequest.timelineItems": [["issues", "read"], ["pull_requests", "read"]],
};

/** The permissions that open `route` (any one suffices); null: none needed; undefined: not listed. */
export function permissionNeeds(route: string): readonly Need[] | null | undefined {
  return route in ROUTES ? ROUTES[route] : undefined;
}

/** Every route template the table covers (a test holds it to the router's). */
export const PERMISSION_ROUTES: readonly string[] = Object.keys(ROUTES);

const grants = (granted: Record<string, string>, onPull: () => boolean, [permission, access, pullOnly]: Need): boolean => {
  // metadata read comes with the installation; write includes read
  if (permission === "metadata") return true;
  if (pullOnly && !onPull()) return false;
  const level = granted[permission];
  return level === "write" || level === "admin" || (access === "read" && level === "read");
};

/**
 * Throws GitHub's 403 when an installation token calls a route its granted permissions do not open.
 * A route missing from the table throws too, so that a new route cannot skip the check unnoticed.
 */
export function requirePermission(route: string, granted: Record<string, string>, onPull: () => boolean): void {
  if (!(route in ROUTES)) throw new Error(`simulator: no permission listed for ${route} (src/simulator/permissions.ts)`);
  const needs = ROUTES[route];
  if (!needs || needs.some((need) => grants(granted, onPull, need))) return;
  throw new HttpError(403, "Resource not accessible by integration");
}

