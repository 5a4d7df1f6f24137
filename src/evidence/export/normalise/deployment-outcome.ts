import type { DeploymentOutcome } from "../../types.js";
import type { GqlDeployment } from "../gql-types.js";

const OUTCOME: Record<string, DeploymentOutcome> = {
  SUCCESS: "success",
  FAILURE: "failed",
  ERROR: "failed",
  IN_PROGRESS: "in progress",
  QUEUED: "in progress",
  PENDING: "in progress",
  WAITING: "in progress",
};

/**
 * The outcome of a deployment from its statuses: the latest one that is not `inactive` decides
 * (GitHub marks an earlier successful deployment inactive when a later one succeeds: it still succeeded).
 * A deployment that only ever went inactive, or has no status, has outcome `none`.
 */
export function deploymentOutcome(node: Pick<GqlDeployment, "statuses" | "latestStatus">): { outcome: DeploymentOutcome; at: string | null } {
  const statuses = [...(node.statuses?.nodes ?? [])];
  if (!statuses.length && node.latestStatus) statuses.push({ ...node.latestStatus, description: null, environmentUrl: null, logUrl: null, creator: null });
  statuses.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  for (let i = statuses.length - 1; i >= 0; i--) {
    const s = statuses[i]!;
    const outcome = OUTCOME[s.state.toUpperCase()];
    if (outcome) return { outcome, at: outcome === "in progress" ? null : s.createdAt };
  }
  return { outcome: "none", at: null };
}
