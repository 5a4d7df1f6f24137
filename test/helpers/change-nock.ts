import nock from "nock";
import { example } from "../helpers/probot.js";

export const API = "https://api.github.com";
export const REPO = "/repos/Codertocat/Hello-World";
export const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
export const NOW = new Date("2019-05-15T16:00:00Z");
export const CHECK = "IMS / change control";

export const RECORD_BODY = ["### Risk", "", "Low", "", "### Rollback plan", "", "Revert.", "", "### Test plan", "", "Staging first."].join("\n");

/** The example `pull_request.opened` payload, turned into a change: label ims:change, `Change: #12`. */
export function prPayload(action = "opened", patch: Record<string, unknown> = {}): Record<string, unknown> {
  const p = example("pull_request", action === "opened" ? "opened" : action);
  const pr = p.pull_request as Record<string, unknown>;
  Object.assign(pr, { body: "Rotate the certificate.\n\nChange: #12", labels: [label("ims:change")], state: "open", ...patch });
  return p;
}

export function pullObject(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(prPayload().pull_request as object), head: { ...((prPayload().pull_request as { head: object }).head), sha: HEAD }, ...patch };
}

export function label(name: string) {
  return { id: name.length, node_id: `L${name}`, url: `${API}${REPO}/labels/${name}`, name, color: "ededed", default: false, description: null };
}

export function tokenAndNoConfig(): void {
  nock(API).post("/app/installations/2/access_tokens").reply(200, { token: "t", expires_at: "2099-01-01T00:00:00Z", permissions: {} });
  noConfig();
}

export function noConfig(): void {
  nock(API).get(`${REPO}/contents/.github%2Fims.yml`).reply(404, { message: "Not Found" });
  nock(API).get("/repos/Codertocat/.github/contents/.github%2Fims.yml").reply(404, { message: "Not Found" });
}

export function commitObject(sha: string, parents: string[], login = "Codertocat", message = "change") {
  const who = { name: login, email: `${login}@users.noreply.github.com`, date: "2019-05-15T15:00:00Z" };
  return { sha, node_id: "C", url: "", html_url: "", comments_url: "", commit: { url: "", author: who, committer: who, message, tree: { sha: "t", url: "" }, comment_count: 0 }, author: { login, type: "User" }, committer: { login, type: "User" }, parents: parents.map((p) => ({ sha: p, url: "" })) };
}

export function reviewObject(id: number, login: string, state: string, commit = HEAD) {
  return { id, node_id: "R", user: { login, type: "User" }, body: "", state, html_url: "", pull_request_url: "", author_association: "MEMBER", _links: {}, submitted_at: "2019-05-15T15:30:00Z", commit_id: commit };
}

/** Mocks the reads of one full evaluation of PR #2 (protection, commits, files, reviews, record #12, memberships). */
export function mockReads(o: { reviews?: unknown[]; members?: Record<string, boolean>; files?: string[]; commits?: unknown[]; protection?: "ruleset" | "none" } = {}): void {
  nock(API).get(`${REPO}/pulls/2`).reply(200, pullObject(), { etag: '"pr-etag-1"' });
  nock(API).get(`${REPO}/branches/master/protection`).reply(403, { message: "Resource not accessible by integration" });
  const rules = o.protection === "ruleset" ? [{ type: "required_status_checks", ruleset_source_type: "Repository", ruleset_source: "Codertocat/Hello-World", ruleset_id: 1, parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: CHECK }] } }] : [];
  nock(API).get(`${REPO}/rules/branches/master`).query({ per_page: 100 }).reply(200, rules);
  nock(API).get(`${REPO}/pulls/2/commits`).query({ per_page: 100 }).reply(200, o.commits ?? [commitObject(HEAD, ["base0"])]);
  nock(API).get(`${REPO}/pulls/2/files`).query({ per_page: 100 }).reply(200, (o.files ?? ["infra/main.tf"]).map((filename) => ({ sha: "f", filename, status: "modified", additions: 1, deletions: 0, changes: 1, blob_url: "", raw_url: "", contents_url: "" })));
  nock(API).get(`${REPO}/pulls/2/reviews`).query({ per_page: 100 }).reply(200, o.reviews ?? []);
  const issue = { ...(example("issues", "opened").issue as object), number: 12, body: RECORD_BODY, labels: [label("ims:change")], state: "open" };
  nock(API).get(`${REPO}/issues/12`).reply(200, issue);
  // a standing approval by someone other than the author: its independence and currency are read too
  const approvers = ((o.reviews ?? []) as Array<{ user: { login: string }; state: string }>).filter((r) => r.state === "APPROVED" && r.user.login !== "Codertocat").map((r) => r.user.login);
  if (approvers.length > 0) {
    const commits = (o.commits ?? [commitObject(HEAD, ["base0"])]) as Array<{ sha: string; commit: { author: { name: string; email: string }; committer: { name: string; email: string } } }>;
    const actor = (a: { name: string; email: string }) => ({ name: a.name, email: a.email, user: null });
    nock(API).post("/graphql").reply(200, { data: { repository: { pullRequest: {
      commits: { totalCount: commits.length, pageInfo: { hasNextPage: false, endCursor: null }, nodes: commits.map((c) => ({ commit: { oid: c.sha, committer: actor(c.commit.committer), authors: { totalCount: 1, nodes: [actor(c.commit.author)] } } })) },
      timelineItems: { totalCount: 0, nodes: [] },
    } } } });
    for (const login of new Set(approvers)) {
      nock(API).get(`${REPO}/activity`).query({ ref: "refs/heads/changes", actor: login, per_page: 100 }).reply(200, []);
      nock(API).get(`${REPO}/activity`).query({ actor: login, per_page: 100 }).reply(200, []);
    }
  }
  for (const [login, active] of Object.entries(o.members ?? {})) {
    const path = `/orgs/Codertocat/teams/security/memberships/${login}`;
    if (active) nock(API).get(path).reply(200, { url: "", role: "member", state: "active" });
    else nock(API).get(path).reply(404, { message: "Not Found" });
  }
}

/**
 * The open pull requests, listed to find those whose head is the commit (200 with an ETag), then
 * listed again (`relists` times) up to the one just before writing: 304 (unchanged), or PR #2 on a new head.
 */
export function mockHeadCheck(newHead?: string, relists = 1): void {
  nock(API).get(`${REPO}/pulls`).query({ state: "open", per_page: 100 }).reply(200, [pullObject()], { etag: '"pulls-etag-1"' });
  for (let i = 1; i < relists; i++) nock(API).get(`${REPO}/pulls`).query({ state: "open", per_page: 100 }).matchHeader("if-none-match", '"pulls-etag-1"').reply(304);
  const scope = nock(API).get(`${REPO}/pulls`).query({ state: "open", per_page: 100 }).matchHeader("if-none-match", '"pulls-etag-1"');
  if (newHead) scope.reply(200, [pullObject({ head: { ...(pullObject().head as object), sha: newHead } })]);
  else scope.reply(304);
}

export function mockNoRuns(): void {
  nock(API).get(`${REPO}/commits/${HEAD}/check-runs`).query({ check_name: CHECK, filter: "latest", per_page: 100 }).reply(200, { total_count: 0, check_runs: [] });
}
