import type { KindId } from "../../../records/kinds.js";
import type { AnyRecord } from "../../types.js";
import type { GqlIssue } from "../gql-types.js";
import { normaliseIncident, type NormaliseContext } from "./incident.js";
import { normaliseProblem } from "./problem.js";
import { normaliseRisk } from "./risk.js";

/** Turns a spooled issue of one kind into its bundle record; null when the kind keeps none of its own. */
export type IssueNormaliser = (node: GqlIssue, sources: string[], ctx: NormaliseContext) => AnyRecord | null;

/** The exporter's normaliser per record kind: a new kind in the registry does not compile until it has one. */
export const ISSUE_NORMALISERS: Record<KindId, IssueNormaliser> = {
  incident: normaliseIncident,
  problem: normaliseProblem,
  // a change record (issue) is linked from its pull requests (normaliseChange); the issue itself is kept in raw/
  change: () => null,
  // the service report reads improvement records itself (src/cli/report.ts); the issue is kept in raw/
  improvement: () => null,
  risk: normaliseRisk,
};
