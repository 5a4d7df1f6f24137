/**
 * GraphQL fragments of the exporter. Field names and arguments are GitHub's (checked against
 * @octokit/graphql-schema in test/export/queries.test.ts); the simulator serves the same subset.
 */

/** Name of the app's gate; only its check runs are read nested under commits. */
export const GATE_CHECK = "IMS / change control";

/** Page size of every connection: GitHub's maximum. */
export const PAGE = 100;
/** Check suites of the head commit and gate runs per suite read nested. */
export const SUITES = 5;
export const RUNS = 5;

export const ISSUE_TIMELINE_TYPES = [
  "LABELED_EVENT",
  "UNLABELED_EVENT",
  "ASSIGNED_EVENT",
  "UNASSIGNED_EVENT",
  "CLOSED_EVENT",
  "REOPENED_EVENT",
  "ISSUE_COMMENT",
  "CROSS_REFERENCED_EVENT",
  "RENAMED_TITLE_EVENT",
] as const;

export const PULL_TIMELINE_TYPES = [
  "LABELED_EVENT",
  "UNLABELED_EVENT",
  "ISSUE_COMMENT",
  "CLOSED_EVENT",
  "REOPENED_EVENT",
  "MERGED_EVENT",
  "HEAD_REF_FORCE_PUSHED_EVENT",
  "REVIEW_DISMISSED_EVENT",
  "CROSS_REFERENCED_EVENT",
] as const;

export const PAGE_INFO = "totalCount pageInfo { hasNextPage endCursor }";
export const ACTOR = "{ login __typename }";

export const RATE_LIMIT = "rateLimit { cost remaining resetAt }";

export const TIMELINE_ITEM = `
fragment TimelineItem on Node {
  __typename
  ... on LabeledEvent { createdAt actor ${ACTOR} label { name } }
  ... on UnlabeledEvent { createdAt actor ${ACTOR} label { name } }
  ... on AssignedEvent { createdAt actor ${ACTOR} assignee { __typename ... on User { login } ... on Bot { login } } }
  ... on UnassignedEvent { createdAt actor ${ACTOR} assignee { __typename ... on User { login } ... on Bot { login } } }
  ... on ClosedEvent { createdAt actor ${ACTOR} stateReason }
  ... on ReopenedEvent { createdAt actor ${ACTOR} }
  ... on IssueComment { databaseId url createdAt lastEditedAt editor ${ACTOR} author ${ACTOR} authorAssociation body }
  ... on RenamedTitleEvent { createdAt actor ${ACTOR} previousTitle currentTitle }
  ... on MergedEvent { createdAt actor ${ACTOR} commit { oid } }
  ... on HeadRefForcePushedEvent { createdAt actor ${ACTOR} afterCommit { oid } }
  ... on ReviewDismissedEvent { createdAt actor ${ACTOR} dismissalMessage review { databaseId } }
  ... on CrossReferencedEvent {
    createdAt actor ${ACTOR}
    source {
      __typename
      ... on Issue { number url repository { nameWithOwner } }
      ... on PullRequest { number url repository { nameWithOwner } }
    }
  }
}`;

export const ISSUE_FIELDS = `
fragment IssueFields on Issue {
  id number title url body state createdAt updatedAt closedAt
  author ${ACTOR}
  labels(first: ${PAGE}) { ${PAGE_INFO} nodes { name } }
  timelineItems(first: ${PAGE}, itemTypes: [${ISSUE_TIMELINE_TYPES.join(", ")}]) { ${PAGE_INFO} nodes { ...TimelineItem } }
}`;

export const REVIEW = "databaseId url author { login __typename } state submittedAt commit { oid }";

/** A commit of the pull request (oid, date, headline). */
export const COMMIT = "commit { oid committedDate messageHeadline }";

/**
 * The head commit with the gate's check runs. Nested under 100 pull requests, check suites under every
 * commit would cost about 600 points a page (GitHub counts each nested connection per parent); under
 * the head commit alone it is about 6. Runs on earlier heads are superseded by the run on the head.
 */
export const HEAD_CHECKS = `commit {
  oid
  checkSuites(first: ${SUITES}) {
    nodes {
      app { slug }
      checkRuns(first: ${RUNS}, filterBy: { checkName: "${GATE_CHECK}" }) {
        nodes { databaseId name status conclusion startedAt completedAt title summary url }
      }
    }
  }
}`;

export const PULL_FIELDS = `
fragment PullFields on PullRequest {
  id number title url body state merged createdAt updatedAt closedAt mergedAt
  baseRefName headRefOid
  mergeCommit { oid }
  author ${ACTOR}
  labels(first: ${PAGE}) { ${PAGE_INFO} nodes { name } }
  files(first: ${PAGE}) { ${PAGE_INFO} nodes { path } }
  reviews(first: ${PAGE}) { ${PAGE_INFO} nodes { ${REVIEW} } }
  commits(first: ${PAGE}) { ${PAGE_INFO} nodes { ${COMMIT} } }
  headCommit: commits(last: 1) { nodes { ${HEAD_CHECKS} } }
  timelineItems(first: ${PAGE}, itemTypes: [${PULL_TIMELINE_TYPES.join(", ")}]) { ${PAGE_INFO} nodes { ...TimelineItem } }
}`;
