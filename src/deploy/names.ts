/** The gate's check run on the deployed commit: one per environment, found again by its external id. */
export const DEPLOY_CHECK_PREFIX = "IMS / deployment: ";

export function deployCheckName(environment: string): string {
  return `${DEPLOY_CHECK_PREFIX}${environment}`;
}

export function deployExternalId(deploymentId: number): string {
  return `deployment:${deploymentId}`;
}

/**
 * Named limit: the most commits the gate walks between the environment's last approved deployment (or
 * the baseline) and the deployed commit. Past it the deployment is rejected, saying so (fail closed).
 */
export const DEPLOY_WALK_MAX = 250;

/** Named limit: earlier deployments of the environment looked at for the last approved one. */
export const DEPLOY_HISTORY_MAX = 10;

/** GitHub's limit on the protection rule's comment (docs: "up to 1024 characters"). */
export const GATE_COMMENT_LIMIT = 1024;

/** Named limit: commits outside every pull request the gate names before it stops reading associations (it rejects by then). */
export const DEPLOY_DIRECT_MAX = 10;
