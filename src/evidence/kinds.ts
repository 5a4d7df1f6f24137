import { ALL_EVIDENCE_KINDS } from "../records/kinds.js";

/**
 * Evidence a deployment yields (deployments are not issue records, so they are not in the kinds registry):
 * the gate approved it, the gate refused it, it ran with its outcome recorded, it failed or was rolled
 * back, or it reached an environment without an approval (no decision, or flagged after the fact).
 */
export const DEPLOYMENT_EVIDENCE_KINDS = ["deployment-approved", "deployment-rejected", "deployment-recorded", "deployment-failed", "deployment-unapproved"] as const;

/**
 * Evidence a vulnerability record yields (a security alert's record, itself an incident in the kinds
 * registry): the alert recorded with its remediation target, remediated (fixed), or dismissed with who and why.
 */
export const VULNERABILITY_EVIDENCE_KINDS = ["vulnerability-recorded", "vulnerability-remediated", "vulnerability-dismissed"] as const;

/** The evidence kinds the app derives from records, and the three control catalogues. */
export const EVIDENCE_KINDS = [...ALL_EVIDENCE_KINDS, ...DEPLOYMENT_EVIDENCE_KINDS, ...VULNERABILITY_EVIDENCE_KINDS];
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const CATALOGUE_IDS = ["iso27001-2013", "iso27001-2022", "iso20000-1-2018"] as const;
export type CatalogueId = (typeof CATALOGUE_IDS)[number];

/** The label every report puts on the 20000-1 column. */
export const OUR_READING = "our reading, not a copy of ISO/IEC 27013 Annex B";
