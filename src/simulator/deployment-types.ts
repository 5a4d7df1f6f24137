/**
 * Deployments as the simulator keeps them (GitHub's deployments, deployment statuses and environments).
 * Shared by the REST routes and webhooks (deployments, statuses, protection-rule requests) and the
 * GraphQL objects (`Repository.deployments`) so both read one state.
 */
export type SimDeploymentState = "error" | "failure" | "inactive" | "in_progress" | "queued" | "pending" | "success";

export interface SimDeploymentStatus {
  id: number;
  state: SimDeploymentState;
  /** Login of who created the status. */
  creator: string;
  description: string;
  environmentUrl: string;
  logUrl: string;
  createdAt: string;
}

export interface SimDeployment {
  id: number;
  /** `owner/name` of the repository. */
  repo: string;
  sha: string;
  /** The ref that was deployed (a branch, tag or sha), as given. */
  ref: string;
  task: string;
  environment: string;
  /** Login of who created the deployment (a workflow's actor, or a person through the API). */
  creator: string;
  description: string | null;
  productionEnvironment: boolean;
  transientEnvironment: boolean;
  createdAt: string;
  updatedAt: string;
  /** The workflow run waiting on protection rules, when it came from a job with `environment:`. */
  runId: number | null;
  /** Oldest first. */
  statuses: SimDeploymentStatus[];
}

/** An environment of a repository, with the custom deployment protection rules enabled on it. */
export interface SimEnvironment {
  id: number;
  /** `owner/name` of the repository. */
  repo: string;
  name: string;
  /** Ids of the GitHub Apps enabled as custom deployment protection rules of this environment. */
  protectionApps: number[];
  createdAt: string;
}

/** A workflow run's job waiting on an environment's custom protection rules (one per run and environment). */
export interface SimDeploymentGate {
  runId: number;
  repo: string;
  environment: string;
  deploymentId: number;
  /** Waiting until every enabled rule approved; rejected by any one. */
  state: "waiting" | "approved" | "rejected";
  /** What each rule answered (the app's id), and its status reports, oldest first. */
  reviews: Array<{ appId: number; state: "approved" | "rejected" | null; comment: string; at: string }>;
}
