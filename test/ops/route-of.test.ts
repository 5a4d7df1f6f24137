import { expect, it } from "vitest";
import { routeOf } from "../../src/ops/octokit-metrics.js";

it("labels GitHub calls by route template, never by repository, file, label or number", () => {
  expect(routeOf("/repos/{owner}/{repo}/issues/{issue_number}/labels")).toBe("/repos/{owner}/{repo}/issues/{issue_number}/labels");
  expect(routeOf("/repos/acme/web/labels")).toBe("/repos/{owner}/{repo}/labels");
  expect(routeOf("http://ghe.example/api/v3/repos/acme/web/issues?state=open&page=2")).toBe("/repos/{owner}/{repo}/issues");
  expect(routeOf("https://api.github.com/repos/acme/web/contents/.github/ims.yml")).toBe("/repos/{owner}/{repo}/contents/{path}");
  expect(routeOf("/repos/acme/web/issues/12/labels/priority%3AP1")).toBe("/repos/{owner}/{repo}/issues/{n}/labels/{name}");
  expect(routeOf("/orgs/acme/teams/security/members")).toBe("/orgs/{org}/teams/{name}/members");
  expect(routeOf("http://ghe.example/api/graphql")).toBe("/graphql");
});
