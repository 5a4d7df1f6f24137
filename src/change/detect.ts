import type { ChangeConfig } from "../config/schema.js";
import type { ChangeFacts, ChangeRecordFacts, ChangeRecordFound } from "./facts.js";
import { CHANGE_LABEL, GATE_CONFIG_PATH, globMatcher } from "./config.js";
import { hasLabel } from "../core/labels.js";
import { changeRisk, changeType, type RiskDecision, type TypeDecision } from "./classify.js";
import { gateFilesTouched } from "./gate-files.js";
import { formatLink, linkKey, parseChangeLinks, resolveLinks, type ResolvedLink } from "./links.js";

/** A linked change record with its display name (`#12` or `owner/name#12`). */
export type LinkedRecord = ChangeRecordFacts & { name: string; link: ResolvedLink };
export type LinkedFound = ChangeRecordFound & { name: string; link: ResolvedLink };

export interface Detection {
  isChange: boolean;
  /** Why it is (or is not) a change, in words. */
  reasons: string[];
  target: { branch: string; patterns: string[]; matched: boolean };
  /** Links in the body as it is now. */
  links: ResolvedLink[];
  /** The change records: every `Change:` link, and closing links to issues labelled `ims:change`. */
  records: LinkedRecord[];
  /** Closing links that are not change records (not labelled, or unreadable), in words. */
  ignoredLinks: string[];
  type: TypeDecision;
  risk: RiskDecision;
}

const MAX_LISTED = 5;

/** Decides whether a pull request is a change, from its target, labels, body links and paths. */
export function detectChange(facts: ChangeFacts, change: ChangeConfig): Detection {
  const patterns = change.branches.length > 0 ? change.branches : [facts.defaultBranch];
  const matched = change.branches.length > 0 ? globMatcher(change.branches)(facts.pr.baseRef) : facts.pr.baseRef === facts.defaultBranch;
  const target = { branch: facts.pr.baseRef, patterns, matched };

  const links = resolveLinks(parseChangeLinks(facts.pr.body), facts.repo);
  const read = new Map(facts.records.map((r) => [linkKey(r.repo, r.number), r]));
  const records: LinkedRecord[] = [];
  const ignoredLinks: string[] = [];
  for (const link of links) {
    const name = formatLink(link, facts.repo);
    const fact: ChangeRecordFacts = read.get(linkKey(link.repo, link.number)) ?? {
      status: "unreadable",
      repo: link.repo,
      number: link.number,
      reason: "not read",
    };
    if (link.kind === "change") records.push({ ...fact, name, link });
    else if (fact.status === "found" && hasLabel(fact.labels, CHANGE_LABEL)) records.push({ ...fact, name, link });
    else ignoredLinks.push(fact.status === "found" ? `${name} (not labelled ${CHANGE_LABEL})` : `${name} (could not be read: ${fact.reason})`);
  }
  // only change records decide type and risk: an unlabelled issue named by `Change:` fails the record check
  const found = records.filter((r): r is LinkedFound => r.status === "found" && hasLabel(r.labels, CHANGE_LABEL));

  const reasons: string[] = [];
  if (!matched) {
    reasons.push(`targets ${facts.pr.baseRef}, which is not a change target (${patterns.join(", ")})`);
  } else {
    if (hasLabel(facts.pr.labels, CHANGE_LABEL)) reasons.push(`label ${CHANGE_LABEL}`);
    for (const r of records) reasons.push(r.link.kind === "change" ? `links change record ${r.name}` : `closes change record ${r.name}`);
    const isPath = globMatcher(change.paths);
    const hits = facts.files.filter((f) => isPath(f));
    if (hits.length > 0) {
      const more = hits.length > MAX_LISTED ? ` and ${hits.length - MAX_LISTED} more` : "";
      reasons.push(`touches change paths: ${hits.slice(0, MAX_LISTED).join(", ")}${more}`);
    } else if (facts.truncated.files) {
      // a silent neutral would pass a required check: a cut file list must not hide a change path
      // (with no change.paths, it can still hide the gate's own config)
      reasons.push(`the changed-file list is truncated (${facts.truncated.files.read} files read), so a change path or a change to ${GATE_CONFIG_PATH} cannot be ruled out`);
    }
    // whatever change.paths says: a pull request could otherwise switch the gate off unreviewed
    const gate = gateFilesTouched(facts.files, facts.gateFiles);
    if (gate.length > 0) reasons.push(`changes the change-control config ${gate.join(", ")}`);
    if (change.allPullRequests) reasons.push("every pull request into this branch is a change (allPullRequests)");
  }
  const isChange = matched && reasons.length > 0;
  if (matched && !isChange) reasons.push(`no ${CHANGE_LABEL} label, no linked change record, no change path touched`);

  return {
    isChange,
    reasons,
    target,
    links,
    records,
    ignoredLinks,
    type: changeType(facts.pr.labels, found),
    risk: changeRisk(facts.pr.labels, found),
  };
}
