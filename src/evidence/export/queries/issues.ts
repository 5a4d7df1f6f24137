import { ISSUE_FIELDS, PAGE, PAGE_INFO, RATE_LIMIT, TIMELINE_ITEM } from "./fragments.js";

/**
 * Issues of one kind label updated since the period start, oldest first, 100 a page, with labels and
 * timeline (comments included) nested: one call per 100 records when nothing overflows.
 */
export const ISSUES_UPDATED = `
query ImsIssuesUpdated($owner: String!, $name: String!, $label: String!, $since: DateTime!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    issues(first: ${PAGE}, after: $after, labels: [$label], filterBy: { since: $since }, orderBy: { field: CREATED_AT, direction: ASC }) {
      ${PAGE_INFO}
      nodes { ...IssueFields }
    }
  }
}
${ISSUE_FIELDS}
${TIMELINE_ITEM}`;

/**
 * Open issues of one kind label, least recently updated first: the reader stops at the first one
 * updated in the period (ISSUES_UPDATED has it), so records open all period long but untouched are found too.
 */
export const ISSUES_STALE_OPEN = `
query ImsIssuesStaleOpen($owner: String!, $name: String!, $label: String!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    issues(first: ${PAGE}, after: $after, labels: [$label], states: [OPEN], orderBy: { field: UPDATED_AT, direction: ASC }) {
      ${PAGE_INFO}
      nodes { ...IssueFields }
    }
  }
}
${ISSUE_FIELDS}
${TIMELINE_ITEM}`;
