import type { Core } from "../core.js";
import type { CheckRun, Repo } from "../types.js";
import { repoRef } from "./repo.js";
import { appJson, nodeId } from "./user.js";

/**
 * The `pull_requests` of a check run or suite, as GitHub fills them: open pull requests of this
 * repository whose head is the commit; a fork's pull request is never listed (its head branch is in
 * another repository), so an app must find those by their head.
 */
export function pullRefs(core: Core, repo: Repo, sha: string): Record<string, unknown>[] {
  return [...repo.issues.values()]
    .filter((i) => i.pull && i.state === "open" && i.pull.headSha === sha && i.pull.headRepo === repo.fullName)
    .map((i) => ({
      url: `${core.urls.api}/repos/${repo.fullName}/pulls/${i.number}`,
      id: i.id,
      number: i.number,
      head: { ref: i.pull?.headRef, sha: i.pull?.headSha, repo: repoRef(core, core.store.repoByName(i.pull?.headRepo ?? repo.fullName)) },
      base: { ref: i.pull?.baseRef, sha: i.pull?.baseSha, repo: repoRef(core, repo) },
    }));
}

/** A check run as in REST and `check_run` webhooks (which add the full `check_suite`). */
export function checkRunJson(core: Core, repo: Repo, run: CheckRun, opts: { suite?: boolean } = {}): Record<string, unknown> {
  const api = `${core.urls.api}/repos/${repo.fullName}`;
  const pulls = pullRefs(core, repo, run.headSha);
  const suiteId = Number.parseInt(run.headSha.slice(0, 8), 16);
  const branch = [...repo.branches.values()].find((b) => b.sha === run.headSha)?.name ?? null;
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId("CheckRun", run.id),
    head_sha: run.headSha,
    external_id: run.externalId ?? "",
    url: `${api}/check-runs/${run.id}`,
    html_url: `${core.urls.html}/${repo.fullName}/runs/${run.id}`,
    details_url: run.detailsUrl ?? `${core.urls.html}/${repo.fullName}/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { ...run.output, annotations_count: 0, annotations_url: `${api}/check-runs/${run.id}/annotations` },
    check_suite: opts.suite
      ? {
          id: suiteId,
          node_id: nodeId("CheckSuite", suiteId),
          head_branch: branch,
          head_sha: run.headSha,
          status: run.status,
          conclusion: run.conclusion,
          url: `${api}/check-suites/${suiteId}`,
          before: null,
          after: run.headSha,
          pull_requests: pulls,
          app: appJson(core),
          created_at: run.startedAt,
          updated_at: run.completedAt ?? run.startedAt,
        }
      : { id: suiteId },
    app: run.appId === core.app.id ? appJson(core) : otherAppJson(core, run.appId),
    pull_requests: pulls,
  };
}

/** Another GitHub App (a check run written by it): its own id and slug. */
function otherAppJson(core: Core, id: number): Record<string, unknown> {
  const slug = `other-app-${id}`;
  return { ...appJson(core), id, slug, node_id: nodeId("App", id), client_id: `Iv1.sim${id}`, name: slug, html_url: `${core.urls.html}/apps/${slug}`, events: [] };
}
