import type { Core } from "../core.js";
import type { SimDeployment, SimDeploymentStatus } from "../deployment-types.js";
import type { Repo } from "../types.js";
import { nodeId, userByLogin } from "./user.js";

/** A deployment as the REST API and the webhooks render it (`deployment`). */
export function deploymentJson(core: Core, repo: Repo, d: SimDeployment): Record<string, unknown> {
  const api = `${core.urls.api}/repos/${repo.fullName}`;
  return {
    url: `${api}/deployments/${d.id}`,
    id: d.id,
    node_id: nodeId("Deployment", d.id),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: {},
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: userByLogin(core, d.creator),
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    statuses_url: `${api}/deployments/${d.id}/statuses`,
    repository_url: api,
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
    performed_via_github_app: null,
  };
}

/** A deployment status (`deployment-status`). */
export function deploymentStatusJson(core: Core, repo: Repo, d: SimDeployment, s: SimDeploymentStatus): Record<string, unknown> {
  const api = `${core.urls.api}/repos/${repo.fullName}`;
  // an Actions job's log, or the repository's deployments page, when the status named none
  const log = s.logUrl || `${core.urls.html}/${repo.fullName}/${d.runId ? `actions/runs/${d.runId}` : "deployments"}`;
  return {
    url: `${api}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId("DeploymentStatus", s.id),
    state: s.state,
    creator: userByLogin(core, s.creator),
    description: s.description,
    environment: d.environment,
    target_url: log,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: `${api}/deployments/${d.id}`,
    repository_url: api,
    ...(s.environmentUrl ? { environment_url: s.environmentUrl } : {}),
    log_url: log,
    performed_via_github_app: null,
  };
}
