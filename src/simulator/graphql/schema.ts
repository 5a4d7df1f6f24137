import { buildSchema, type GraphQLSchema } from "graphql";

/**
 * The subset of GitHub's GraphQL schema the evidence exporter queries, with GitHub's names, argument
 * names and connection shapes (nodes, pageInfo, totalCount). Anything else is a validation error.
 */
export const SDL = /* GraphQL */ `
scalar DateTime
scalar URI
scalar GitObjectID
scalar GitTimestamp

type Query {
  rateLimit: RateLimit
  repository(owner: String!, name: String!): Repository
  node(id: ID!): Node
}

type RateLimit { cost: Int! limit: Int! remaining: Int! used: Int! resetAt: DateTime! nodeCount: Int! }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! endCursor: String startCursor: String }

interface Node { id: ID! }
interface Actor { login: String! }
type User implements Node & Actor { id: ID! login: String! }
type Bot implements Node & Actor { id: ID! login: String! }
union Assignee = Bot | User

enum IssueState { OPEN CLOSED }
enum PullRequestState { OPEN CLOSED MERGED }
enum IssueStateReason { COMPLETED NOT_PLANNED REOPENED DUPLICATE }
enum OrderDirection { ASC DESC }
enum IssueOrderField { CREATED_AT UPDATED_AT COMMENTS }
enum CommentAuthorAssociation { OWNER MEMBER COLLABORATOR CONTRIBUTOR FIRST_TIME_CONTRIBUTOR FIRST_TIMER MANNEQUIN NONE }
enum PullRequestReviewState { PENDING COMMENTED APPROVED CHANGES_REQUESTED DISMISSED }
enum CheckStatusState { QUEUED IN_PROGRESS COMPLETED WAITING PENDING REQUESTED }
enum CheckConclusionState { ACTION_REQUIRED TIMED_OUT CANCELLED FAILURE SUCCESS NEUTRAL SKIPPED STARTUP_FAILURE STALE }
enum IssueTimelineItemsItemType { LABELED_EVENT UNLABELED_EVENT ASSIGNED_EVENT UNASSIGNED_EVENT CLOSED_EVENT REOPENED_EVENT ISSUE_COMMENT CROSS_REFERENCED_EVENT RENAMED_TITLE_EVENT }
enum PullRequestTimelineItemsItemType { BASE_REF_CHANGED_EVENT LABELED_EVENT UNLABELED_EVENT ISSUE_COMMENT CLOSED_EVENT REOPENED_EVENT MERGED_EVENT HEAD_REF_FORCE_PUSHED_EVENT REVIEW_DISMISSED_EVENT CROSS_REFERENCED_EVENT ASSIGNED_EVENT UNASSIGNED_EVENT RENAMED_TITLE_EVENT }

input IssueOrder { field: IssueOrderField! direction: OrderDirection! }
input IssueFilters { since: DateTime states: [IssueState!] labels: [String!] }
input CheckRunFilter { checkName: String }

type Repository implements Node {
  id: ID!
  nameWithOwner: String!
  url: URI!
  issues(first: Int, after: String, labels: [String!], states: [IssueState!], filterBy: IssueFilters, orderBy: IssueOrder): IssueConnection!
  pullRequests(first: Int, after: String, states: [PullRequestState!], labels: [String!], baseRefName: String, orderBy: IssueOrder): PullRequestConnection!
  pullRequest(number: Int!): PullRequest
  object(oid: GitObjectID, expression: String): GitObject
  deployments(first: Int, after: String, last: Int, environments: [String!], orderBy: DeploymentOrder = {field: CREATED_AT, direction: ASC}): DeploymentConnection!
  defaultBranchRef: Ref
}

type Label implements Node { id: ID! name: String! }
type LabelConnection { totalCount: Int! pageInfo: PageInfo! nodes: [Label] }

type Issue implements Node {
  id: ID! number: Int! title: String! url: URI! body: String! state: IssueState!
  createdAt: DateTime! updatedAt: DateTime! closedAt: DateTime
  author: Actor
  repository: Repository!
  labels(first: Int, after: String): LabelConnection
  timelineItems(first: Int, after: String, itemTypes: [IssueTimelineItemsItemType!]): IssueTimelineItemsConnection!
}
type IssueConnection { totalCount: Int! pageInfo: PageInfo! nodes: [Issue] }

type PullRequest implements Node {
  id: ID! number: Int! title: String! url: URI! body: String! state: PullRequestState! merged: Boolean!
  createdAt: DateTime! updatedAt: DateTime! closedAt: DateTime mergedAt: DateTime
  baseRefName: String! headRefOid: GitObjectID!
  mergeCommit: Commit
  author: Actor
  repository: Repository!
  labels(first: Int, after: String): LabelConnection
  files(first: Int, after: String): PullRequestChangedFileConnection
  reviews(first: Int, after: String): PullRequestReviewConnection
  commits(first: Int, after: String, last: Int): PullRequestCommitConnection!
  timelineItems(first: Int, after: String, itemTypes: [PullRequestTimelineItemsItemType!]): PullRequestTimelineItemsConnection!
}
type PullRequestConnection { totalCount: Int! pageInfo: PageInfo! nodes: [PullRequest] }

type PullRequestChangedFile { path: String! }
type PullRequestChangedFileConnection { totalCount: Int! pageInfo: PageInfo! nodes: [PullRequestChangedFile] }

type PullRequestReview implements Node { id: ID! databaseId: Int url: URI! author: Actor state: PullRequestReviewState! submittedAt: DateTime commit: Commit }
type PullRequestReviewConnection { totalCount: Int! pageInfo: PageInfo! nodes: [PullRequestReview] }

type PullRequestCommit implements Node { id: ID! commit: Commit! }
type PullRequestCommitConnection { totalCount: Int! pageInfo: PageInfo! nodes: [PullRequestCommit] }

type App implements Node { id: ID! slug: String! }
"""A git identity; \`user\` is the account a verified e-mail of it links to (null when none)."""
type GitActor { email: String name: String user: User }
type GitActorConnection { totalCount: Int! pageInfo: PageInfo! nodes: [GitActor] }
interface GitObject { id: ID! oid: GitObjectID! }
type Commit implements Node & GitObject {
  id: ID! oid: GitObjectID! committedDate: DateTime! messageHeadline: String!
  author: GitActor committer: GitActor
  authors(first: Int, after: String, last: Int): GitActorConnection!
  checkSuites(first: Int, after: String): CheckSuiteConnection
  url: URI!
  history(first: Int, after: String, since: GitTimestamp, until: GitTimestamp, path: String): CommitHistoryConnection!
  associatedPullRequests(first: Int, after: String, last: Int): PullRequestConnection
}
type CommitHistoryConnection { totalCount: Int! pageInfo: PageInfo! nodes: [Commit] }
type CheckSuite implements Node { id: ID! app: App checkRuns(first: Int, after: String, filterBy: CheckRunFilter): CheckRunConnection }
type CheckSuiteConnection { totalCount: Int! pageInfo: PageInfo! nodes: [CheckSuite] }
type CheckRun implements Node {
  id: ID! databaseId: Int name: String! status: CheckStatusState! conclusion: CheckConclusionState
  startedAt: DateTime completedAt: DateTime title: String summary: String url: URI! externalId: String
}
type CheckRunConnection { totalCount: Int! pageInfo: PageInfo! nodes: [CheckRun] }

type LabeledEvent implements Node { id: ID! createdAt: DateTime! actor: Actor label: Label! }
type UnlabeledEvent implements Node { id: ID! createdAt: DateTime! actor: Actor label: Label! }
type AssignedEvent implements Node { id: ID! createdAt: DateTime! actor: Actor assignee: Assignee }
type UnassignedEvent implements Node { id: ID! createdAt: DateTime! actor: Actor assignee: Assignee }
type ClosedEvent implements Node { id: ID! createdAt: DateTime! actor: Actor stateReason: IssueStateReason }
type ReopenedEvent implements Node { id: ID! createdAt: DateTime! actor: Actor }
type RenamedTitleEvent implements Node { id: ID! createdAt: DateTime! actor: Actor previousTitle: String! currentTitle: String! }
type MergedEvent implements Node { id: ID! createdAt: DateTime! actor: Actor commit: Commit }
type BaseRefChangedEvent implements Node { id: ID! databaseId: Int createdAt: DateTime! actor: Actor previousRefName: String! currentRefName: String! }
type HeadRefForcePushedEvent implements Node { id: ID! createdAt: DateTime! actor: Actor afterCommit: Commit }
type ReviewDismissedEvent implements Node { id: ID! createdAt: DateTime! actor: Actor dismissalMessage: String review: PullRequestReview }
type IssueComment implements Node { id: ID! databaseId: Int url: URI! createdAt: DateTime! lastEditedAt: DateTime editor: Actor author: Actor authorAssociation: CommentAuthorAssociation! body: String! }
union ReferencedSubject = Issue | PullRequest
type CrossReferencedEvent implements Node { id: ID! createdAt: DateTime! actor: Actor source: ReferencedSubject! }

union IssueTimelineItems = LabeledEvent | UnlabeledEvent | AssignedEvent | UnassignedEvent | ClosedEvent | ReopenedEvent | IssueComment | CrossReferencedEvent | RenamedTitleEvent
type IssueTimelineItemsConnection { totalCount: Int! pageInfo: PageInfo! nodes: [IssueTimelineItems] }
union PullRequestTimelineItems = BaseRefChangedEvent | LabeledEvent | UnlabeledEvent | AssignedEvent | UnassignedEvent | ClosedEvent | ReopenedEvent | IssueComment | CrossReferencedEvent | RenamedTitleEvent | MergedEvent | HeadRefForcePushedEvent | ReviewDismissedEvent
type PullRequestTimelineItemsConnection { totalCount: Int! pageInfo: PageInfo! nodes: [PullRequestTimelineItems] }

enum DeploymentState { ABANDONED ACTIVE DESTROYED ERROR FAILURE INACTIVE IN_PROGRESS PENDING QUEUED SUCCESS WAITING }
enum DeploymentStatusState { ERROR FAILURE INACTIVE IN_PROGRESS PENDING QUEUED SUCCESS WAITING }
enum DeploymentOrderField { CREATED_AT }
input DeploymentOrder { field: DeploymentOrderField! direction: OrderDirection! }
type Ref implements Node { id: ID! name: String! prefix: String! target: GitObject }
type Deployment implements Node {
  id: ID! databaseId: Int commitOid: String! commit: Commit
  createdAt: DateTime! updatedAt: DateTime! creator: Actor!
  description: String environment: String originalEnvironment: String latestEnvironment: String task: String payload: String
  ref: Ref state: DeploymentState latestStatus: DeploymentStatus repository: Repository!
  statuses(first: Int, after: String, last: Int): DeploymentStatusConnection
}
type DeploymentStatus implements Node {
  id: ID! createdAt: DateTime! updatedAt: DateTime! creator: Actor! deployment: Deployment!
  description: String environment: String environmentUrl: URI logUrl: URI state: DeploymentStatusState!
}
type DeploymentConnection { totalCount: Int! pageInfo: PageInfo! nodes: [Deployment] }
type DeploymentStatusConnection { totalCount: Int! pageInfo: PageInfo! nodes: [DeploymentStatus] }
`;

let built: GraphQLSchema | undefined;

/** The schema, built once. */
export function simulatorSchema(): GraphQLSchema {
  built ??= buildSchema(SDL);
  return built;
}
