import { PAGE, RATE_LIMIT } from "./fragments.js";

/**
 * The default branch's commits in the period (GraphQL `history` of its ref's target), with the pull
 * requests each is associated with: a commit with no merged pull request into the branch was pushed
 * directly. `path` narrows the history to commits that touched a file or folder, as `git log -- path`.
 */
export const BRANCH_HISTORY = /* GraphQL */ `
query BranchHistory($owner: String!, $name: String!, $since: GitTimestamp!, $until: GitTimestamp!, $path: String, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    defaultBranchRef {
      name
      target {
        ... on Commit {
          history(first: ${PAGE}, after: $after, since: $since, until: $until, path: $path) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes {
              oid
              url
              committedDate
              messageHeadline
              author { name user { login } }
              associatedPullRequests(first: 5) { nodes { number merged baseRefName } }
            }
          }
        }
      }
    }
  }
}`;
