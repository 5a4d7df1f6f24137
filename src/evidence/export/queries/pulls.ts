import { PAGE, PAGE_INFO, PULL_FIELDS, RATE_LIMIT, TIMELINE_ITEM } from "./fragments.js";

/**
 * Pull requests, most recently updated first (the reader stops below the period start), 100 a page,
 * with labels, changed files, reviews, commits with the gate's check runs, and timeline nested.
 */
export const PULLS = `
query ImsPulls($owner: String!, $name: String!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    pullRequests(first: ${PAGE}, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
      ${PAGE_INFO}
      nodes { ...PullFields }
    }
  }
}
${PULL_FIELDS}
${TIMELINE_ITEM}`;
