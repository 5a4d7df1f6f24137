import { md } from "../core/explain.js";

/** Hidden marker in the body of a post-incident review the app opened for an incident. */
export const reviewOfMarker = (incident: number) => `<!-- ims-review-of=${incident} -->`;

/** Hidden marker in the body of a problem the app opened from a trend on a service. */
export const trendMarker = (service: string) => `<!-- ims-trend service=${encodeURIComponent(normaliseService(service))} -->`;

/**
 * Services compare without case, control characters and runs of white space (a line break included),
 * as `md` writes them into a problem body: " Payments-API" is "payments-api", "pay\nments" is "pay ments".
 */
export function normaliseService(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * The service as it was before `md` escaped it into a problem body (problemBody): `auth\_service` is
 * `auth_service`. Without this a problem ims-bot opened never covers its own service.
 * Example: serviceFromProblemBody("a\\_b &amp; @\u200bc") === "a_b & @c".
 */
export function serviceFromProblemBody(s: string): string {
  return s
    .replace(/\\([\\`*_{}[\]()#+!|~])/g, "$1")
    .replace(/@\u200b/g, "@")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** What a problem record the app opens says, in the problem form's own headings (so the same parser reads it). */
export interface ProblemDraft {
  service: string | null;
  incidents: number[];
  description: string;
  marker: string;
}

/** Renders a problem body with the form's headings: `### Affected service`, `### Related incidents`, ... */
export function problemBody(d: ProblemDraft, fields: { service: string; rootCause: string; workaround: string }): string {
  return [
    d.marker,
    `### ${fields.service}`,
    "",
    d.service ? md(d.service) : "_No response_",
    "",
    "### Related incidents",
    "",
    d.incidents.map((n) => `#${n}`).join("\n") || "_No response_",
    "",
    `### ${fields.rootCause}`,
    "",
    "_No response_",
    "",
    `### ${fields.workaround}`,
    "",
    "_No response_",
    "",
    "### Description",
    "",
    d.description,
  ].join("\n");
}
