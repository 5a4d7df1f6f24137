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

/** The workflow file of a simulated deploy job (`webhooks_workflow`); its id is derived from the run's. */
const WORKFLOW_PATH = ".github/workflows/deploy.yml";
export function workflowJson(core: Core, repo: Repo, runId: number): Record<string, unknown> {
  const id = runId * 10 + 1;
  const at = core.now();
  return {
    id,
    node_id: nodeId("Workflow", id),
    name: "Deploy",
    path: WORKFLOW_PATH,
    state: "active",
    created_at: at,
    updated_at: at,
    url: `${core.urls.api}/repos/${repo.fullName}/actions/workflows/${id}`,
    html_url: `${core.urls.html}/${repo.fullName}/blob/${repo.defaultBranch}/${WORKFLOW_PATH}`,
    badge_url: `${core.urls.html}/${repo.fullName}/workflows/Deploy/badge.svg`,
  };
}

/** The workflow run of an Actions job's deployment (`deployment.created`'s `workflow_run`). */
export function workflowRunJson(core: Core, repo: Repo, d: SimDeployment, actor: string, event: string): Record<string, unknown> {
  const runId = d.runId!;
  const api = `${core.urls.api}/repos/${repo.fullName}/actions/runs/${runId}`;
  const suite = runId * 10 + 2;
  return {
    id: runId,
    name: "Deploy",
    node_id: nodeId("WorkflowRun", runId),
    head_branch: d.ref,
    head_sha: d.sha,
    path: WORKFLOW_PATH,
    display_title: `Deploy ${d.ref}`,
    run_number: 1,
    event,
    status: "in_progress",
    conclusion: null,
    workflow_id: runId * 10 + 1,
    check_suite_id: suite,
    check_suite_node_id: nodeId("CheckSuite", suite),
    url: api,
    html_url: `${core.urls.html}/${repo.fullName}/actions/runs/${runId}`,
    pull_requests: [],
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    run_attempt: 1,
    run_started_at: d.createdAt,
    actor: userByLogin(core, actor),
    triggering_actor: userByLogin(core, actor),
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    rerun_url: `${api}/rerun`,
    cancel_url: `${api}/cancel`,
    artifacts_url: `${api}/artifacts`,
    check_suite_url: `${core.urls.api}/repos/${repo.fullName}/check-suites/${suite}`,
    workflow_url: `${core.urls.api}/repos/${repo.fullName}/actions/workflows/${runId * 10 + 1}`,
    previous_attempt_url: null,
    referenced_workflows: [],
    head_commit: null,
  };
}
