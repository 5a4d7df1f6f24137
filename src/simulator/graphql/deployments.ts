import type { Core } from "../core.js";
import type { SimDeployment, SimDeploymentStatus } from "../deployment-types.js";
import type { Repo } from "../types.js";
import { connection, type GqlContext, type PageArgs } from "./connection.js";
import { actor, commitObj, gid } from "./objects.js";

export interface DeploymentsArgs extends PageArgs {
  environments?: string[] | null;
  orderBy?: { field: string; direction: string } | null;
}

/**
 * `Deployment.state` as GitHub derives it from the latest status: a successful deployment is ACTIVE
 * until a later status makes it INACTIVE; one with no status yet is PENDING.
 */
function stateOf(d: SimDeployment): string {
  const last = d.statuses.at(-1);
  if (!last) return "PENDING";
  return last.state === "success" ? "ACTIVE" : last.state.toUpperCase();
}

/** A Ref when the deployment named a branch or tag; null for a bare sha, as on GitHub. */
function refObj(repo: Repo, d: SimDeployment) {
  if (repo.branches.has(d.ref)) return { id: gid("Ref", `${repo.fullName}:refs/heads/${d.ref}`), name: d.ref, prefix: "refs/heads/" };
  if (d.ref === d.sha || /^[0-9a-f]{40}$/i.test(d.ref)) return null;
  return { id: gid("Ref", `${repo.fullName}:refs/tags/${d.ref}`), name: d.ref, prefix: "refs/tags/" };
}

function statusObj(core: Core, d: SimDeployment, s: SimDeploymentStatus, deployment: () => unknown) {
  return {
    id: gid("DeploymentStatus", s.id),
    createdAt: s.createdAt,
    updatedAt: s.createdAt,
    creator: actor(core, s.creator),
    deployment,
    description: s.description || null,
    environment: d.environment,
    environmentUrl: s.environmentUrl || null,
    logUrl: s.logUrl || null,
    state: s.state.toUpperCase(),
  };
}

function deploymentObj(core: Core, repo: Repo, d: SimDeployment, repository: () => unknown): Record<string, unknown> {
  const self = (): unknown => deploymentObj(core, repo, d, repository);
  const latest = d.statuses.at(-1);
  return {
    id: gid("Deployment", d.id),
    databaseId: d.id,
    commitOid: d.sha,
    commit: commitObj(core, repo, d.sha),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    creator: actor(core, d.creator),
    description: d.description,
    environment: d.environment,
    originalEnvironment: d.environment,
    latestEnvironment: d.environment,
    task: d.task,
    payload: "{}",
    ref: refObj(repo, d),
    state: stateOf(d),
    latestStatus: latest ? statusObj(core, d, latest, self) : null,
    repository,
    statuses: (args: PageArgs, ctx: GqlContext) => connection(ctx, "statuses", d.statuses, args, (s) => statusObj(core, d, s, self)),
  };
}

/** `Repository.deployments`: filtered by environment, ordered by creation time (ascending unless asked otherwise), as GitHub serves it. */
export function deploymentsConnection(core: Core, repo: Repo, args: DeploymentsArgs, ctx: GqlContext, repository: () => unknown) {
  const envs = args.environments?.length ? new Set(args.environments) : null;
  const sign = args.orderBy?.direction === "DESC" ? -1 : 1;
  const items = [...core.store.deployments.values()]
    .filter((d) => d.repo.toLowerCase() === repo.fullName.toLowerCase() && (!envs || envs.has(d.environment)))
    .sort((a, b) => (a.createdAt < b.createdAt ? -sign : a.createdAt > b.createdAt ? sign : (a.id - b.id) * sign));
  return connection(ctx, "deployments", items, args, (d) => deploymentObj(core, repo, d, repository));
}
