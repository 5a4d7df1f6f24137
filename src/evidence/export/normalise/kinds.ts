import type { KindId } from "../../../records/kinds.js";
import type { AnyRecord } from "../../types.js";
import type { GqlIssue } from "../gql-types.js";
import { normaliseIncident, type NormaliseContext } from "./incident.js";
import { normaliseProblem } from "./problem.js";
import { normaliseRisk } from "./risk.js";
import { alertOf } from "./alert-of.js";
import { normaliseVulnerability } from "./vulnerability.js";

/** Turns a spooled issue of one kind into its bundle records (a security alert's incident is also a vulnerability); none when the kind keeps none of its own. */
export type IssueNormaliser = (node: GqlIssue, sources: string[], ctx: NormaliseContext) => AnyRecord[];

/** An incident, and for a security alert's record (the app's own, alertOf) its vulnerability record too. */
function incidentRecords(node: GqlIssue, sources: string[], ctx: NormaliseContext): AnyRecord[] {
  const incident = normaliseIncident(node, sources, ctx);
  const alert = alertOf(node, ctx.trusted);
  return alert ? [incident, normaliseVulnerability(node, incident, alert, ctx)] : [incident];
}

/** The exporter's normaliser per record kind: a new kind in the registry does not compile until it has one. */
export const ISSUE_NORMALISERS: Record<KindId, IssueNormaliser> = {
  incident: incidentRecords,
  problem: (n, s, c) => [normaliseProblem(n, s, c)],
  // a change record (issue) is linked from its pull requests (normaliseChange); the issue itself is kept in raw/
  change: () => [],
  // the service report reads improvement records itself (src/cli/report.ts); the issue is kept in raw/
  improvement: () => [],
  risk: (n, s, c) => [normaliseRisk(n, s, c)],
};
