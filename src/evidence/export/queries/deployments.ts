import { ACTOR, PAGE, PAGE_INFO, RATE_LIMIT, SUITES } from "./fragments.js";

/** The app's deployment gate runs are named per environment; `deploymentCheckName("production")`. */
export const deploymentCheckName = (environment: string) => `IMS / deployment: ${environment}`;
/** The gate's `external_id` on its check run: which deployment the decision was about. */
export const deploymentExternalId = (id: number) => `deployment:${id}`;

/**
 * Check runs read per app suite on a deployed commit. The gate's name varies with the environment, so
 * runs cannot be filtered by name in one query; a commit deployed many times carries one run per deployment.
 */
export const DEPLOY_RUNS = 20;
/** Statuses per deployment (GitHub adds a handful: queued, in_progress, success or failure, inactive). */
export const DEPLOY_STATUSES = PAGE;

/**
 * Deployments of every environment, newest first (the reader stops a bounded history below the period
 * start), with their statuses, and the app's check runs on the deployed commit carrying the gate's trace.
 */
export const DEPLOYMENTS = `
query ImsDeployments($owner: String!, $name: String!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    url
    deployments(first: ${PAGE}, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {
      ${PAGE_INFO}
      nodes {
        databaseId environment commitOid createdAt updatedAt state task description
        ref { name prefix }
        creator ${ACTOR}
        latestStatus { state createdAt }
        statuses(first: ${DEPLOY_STATUSES}) {
          ${PAGE_INFO}
          nodes { state createdAt description environmentUrl logUrl creator ${ACTOR} }
        }
        commit {
          oid
          checkSuites(first: ${SUITES}) {
            nodes {
              app { slug }
              checkRuns(first: ${DEPLOY_RUNS}) {
                pageInfo { hasNextPage endCursor }
                nodes { databaseId name status conclusion startedAt completedAt title summary url externalId }
              }
            }
          }
        }
      }
    }
  }
}`;

/**
 * The gate's runs for one environment on a deployed commit, when the commit carried more of the app's
 * runs than DEPLOYMENTS reads nested (a commit deployed many times): filtered by the gate's name.
 */
export const DEPLOYMENT_RUNS = `
query ImsDeploymentRuns($owner: String!, $name: String!, $oid: GitObjectID!, $checkName: String!) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    object(oid: $oid) {
      ... on Commit {
        oid
        checkSuites(first: ${SUITES}) {
          nodes {
            app { slug }
            checkRuns(first: ${PAGE}, filterBy: { checkName: $checkName }) {
              pageInfo { hasNextPage endCursor }
              nodes { databaseId name status conclusion startedAt completedAt title summary url externalId }
            }
          }
        }
      }
    }
  }
}`;
