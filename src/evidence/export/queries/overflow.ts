import { COMMIT, ISSUE_TIMELINE_TYPES, PAGE, PAGE_INFO, PULL_TIMELINE_TYPES, RATE_LIMIT, REVIEW, TIMELINE_ITEM } from "./fragments.js";

/** A nested connection that had more than its first page, and the query for its next pages. */
export type OverflowKind = "issueLabels" | "issueTimeline" | "pullLabels" | "pullFiles" | "pullReviews" | "pullCommits" | "pullTimeline";

const doc = (name: string, type: "Issue" | "PullRequest", connection: string, withTimeline = false) => `
query ${name}($id: ID!, $after: String) {
  ${RATE_LIMIT}
  node(id: $id) {
    __typename
    ... on ${type} { ${connection} }
  }
}${withTimeline ? `\n${TIMELINE_ITEM}` : ""}`;

const page = (field: string, args: string, nodes: string) => `${field}(first: ${PAGE}, after: $after${args}) { ${PAGE_INFO} nodes { ${nodes} } }`;

/** One query per nested connection: `node(id:)` with the connection's next page (GitHub's node interface). */
export const OVERFLOW: Record<OverflowKind, { field: string; query: string }> = {
  issueLabels: { field: "labels", query: doc("ImsIssueLabels", "Issue", page("labels", "", "name")) },
  issueTimeline: {
    field: "timelineItems",
    query: doc("ImsIssueTimeline", "Issue", page("timelineItems", `, itemTypes: [${ISSUE_TIMELINE_TYPES.join(", ")}]`, "...TimelineItem"), true),
  },
  pullLabels: { field: "labels", query: doc("ImsPullLabels", "PullRequest", page("labels", "", "name")) },
  pullFiles: { field: "files", query: doc("ImsPullFiles", "PullRequest", page("files", "", "path")) },
  pullReviews: { field: "reviews", query: doc("ImsPullReviews", "PullRequest", page("reviews", "", REVIEW)) },
  pullCommits: { field: "commits", query: doc("ImsPullCommits", "PullRequest", page("commits", "", COMMIT)) },
  pullTimeline: {
    field: "timelineItems",
    query: doc("ImsPullTimeline", "PullRequest", page("timelineItems", `, itemTypes: [${PULL_TIMELINE_TYPES.join(", ")}]`, "...TimelineItem"), true),
  },
};
