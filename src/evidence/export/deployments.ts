import type { Fetched, GitHubClient } from "./client.js";
import type { Conn, GqlDeployment, RepoIndex, SpoolNode } from "./gql-types.js";
import { DEPLOYMENT_RUNS, DEPLOYMENTS, deploymentCheckName, deploymentExternalId } from "./queries/deployments.js";
import type { RepoSpool } from "./spool.js";
import { deploymentOutcome } from "./normalise/deployment-outcome.js";

/**
 * How far before the period the reader goes for history: a deployment in the period is a rollback when
 * its commit ran in the environment before another replaced it, which may have happened before the period.
 */
export const DEPLOY_HISTORY_DAYS = 90;

interface DeploymentsPage {
  data: { repository: { url: string; deployments: Conn<GqlDeployment> } };
}

/**
 * Reads a repository's deployments, newest first, 100 a page: those created in the period are spooled as
 * record candidates, and every one down to DEPLOY_HISTORY_DAYS before the period start goes into the
 * index's history. Returns how many were spooled.
 */
export async function readDeployments(
  client: GitHubClient,
  repo: string,
  period: { from: string; to: string },
  keep: (f: Fetched, label: string) => Promise<string>,
  spool: RepoSpool,
  index: RepoIndex,
): Promise<number> {
  const [owner = "", repoName = ""] = repo.split("/");
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const horizon = from - DEPLOY_HISTORY_DAYS * 86_400_000;
  const history: NonNullable<RepoIndex["deployments"]> = [];
  let spooled = 0;
  for (let after: string | null = null, n = 1; ; n++) {
    const f = await client.graphql(DEPLOYMENTS, { owner, name: repoName, after }, `reading ${repo} deployments (page ${n})`, { owner, repo });
    const page = await keep(f, `deployments-${n}`);
    const body = (f.body as DeploymentsPage).data.repository;
    index.htmlUrl ??= body.url;
    const conn = body.deployments;
    let older = false;
    for (const node of conn.nodes) {
      const at = Date.parse(node.createdAt);
      if (at < horizon) {
        older = true;
        break;
      }
      if (node.databaseId === null || at > to) continue;
      noteGateApps(node);
      // only what ran: a deployment that failed never replaced what the environment had
      if (deploymentOutcome(node).outcome === "success") history.push({ id: node.databaseId, sha: node.commitOid, environment: node.environment ?? "", createdAt: node.createdAt });
      if (at < from) continue;
      const more = await completeRuns(node);
      await spool.nodes.write({ t: "deployment", node, sources: more ? [page, more] : [page] } satisfies SpoolNode);
      spooled++;
    }
    if (older || !conn.pageInfo?.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  index.deployments = history;
  return spooled;

  function noteGateApps(node: GqlDeployment): void {
    const env = node.environment ?? "";
    for (const suite of node.commit?.checkSuites?.nodes ?? []) {
      if (!suite.app || !suite.checkRuns.nodes.some((r) => r.name === deploymentCheckName(env))) continue;
      const apps = ((index.gateApps ??= {})[env] ??= []);
      if (!apps.includes(suite.app.slug)) apps.push(suite.app.slug);
    }
  }

  /**
   * When the deployed commit carries more runs than were read nested and the gate's run for this
   * deployment is not among them, reads that environment's gate runs on the commit; returns the raw id.
   */
  async function completeRuns(node: GqlDeployment): Promise<string | null> {
    const suites = node.commit?.checkSuites?.nodes ?? [];
    const name = deploymentCheckName(node.environment ?? "");
    const found = suites.some((s) => s.checkRuns.nodes.some((r) => r.name === name && r.externalId === deploymentExternalId(node.databaseId!)));
    if (found || !suites.some((s) => s.checkRuns.pageInfo?.hasNextPage)) return null;
    const f = await client.graphql(DEPLOYMENT_RUNS, { owner, name: repoName, oid: node.commitOid, checkName: name }, `reading ${repo} deployment ${node.databaseId} gate runs`, { owner, repo });
    const id = await keep(f, `deployment-${node.databaseId}-runs`);
    const commit = (f.body as { data: { repository: { object: GqlDeployment["commit"] } } }).data.repository.object;
    if (commit?.checkSuites && node.commit) node.commit.checkSuites = commit.checkSuites;
    return id;
  }
}
