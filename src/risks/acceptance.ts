import { createHash } from "node:crypto";
import { atOrAbove, levelRank, RISK_LEVELS, type RiskLevel } from "./matrix.js";

/**
 * A risk acceptance lives in GitHub: the app's own comment carries a hidden marker written when an
 * acceptor ran `/ims accept-risk`. Only the app's own comments are read for it (never a person's
 * text), so a pasted marker accepts nothing.
 */
export interface Acceptance {
  by: string;
  at: string;
  level: RiskLevel;
  likelihood: number;
  impact: number;
  reason: string;
  /**
   * What was accepted: subjectOf(asset, threat, vulnerability) when the acceptor ran the command.
   * Null in a marker written before it was recorded (such an acceptance follows only the level).
   */
  subject?: string | null;
  /**
   * The repository (`owner/name`) the risk was in when it was accepted: its `risks.acceptors` accepted
   * it. The app's comments move with an issue transferred to another repository, whose acceptors and
   * threshold may differ: there, it is not accepted. Null in a marker written before it was recorded.
   */
  repo?: string | null;
}

const MARKER = /<!-- ims-risk-accepted by=([A-Za-z0-9-]{1,39}) at=(\S+) level=(low|medium|high|critical) likelihood=(\d+) impact=(\d+)(?: subject=([0-9a-f]{16}))?(?: repo=([A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}))? reason=(\S*) -->/g;

/**
 * The fingerprint of the risk an acceptance is about: its asset or service, threat and vulnerability
 * as the form states them (white space and case folded). Editing any of them after acceptance makes
 * it another risk, which nobody accepted: the acceptance lapses.
 */
export function subjectOf(parts: ReadonlyArray<string | null>): string {
  const text = parts.map((p) => (p ?? "").trim().replace(/\s+/g, " ").toLowerCase()).join("\u0000");
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** The marker the acceptance comment carries. */
export function acceptanceMarker(a: Acceptance): string {
  return `<!-- ims-risk-accepted by=${a.by} at=${a.at} level=${a.level} likelihood=${a.likelihood} impact=${a.impact}${a.subject ? ` subject=${a.subject}` : ""}${a.repo ? ` repo=${a.repo}` : ""} reason=${encodeURIComponent(a.reason)} -->`;
}

/** Does this text carry an acceptance marker (whoever wrote it; callers decide whose text they trust)? */
export function hasAcceptanceMarker(text: string): boolean {
  return text.includes("<!-- ims-risk-accepted ");
}

/** Every acceptance recorded in the app's own text, oldest first. */
export function parseAcceptances(ownText: string): Acceptance[] {
  const out: Acceptance[] = [];
  for (const m of ownText.matchAll(MARKER)) {
    let reason = "";
    try {
      reason = decodeURIComponent(m[8]!);
    } catch {
      reason = "";
    }
    out.push({ by: m[1]!, at: m[2]!, level: m[3] as RiskLevel, likelihood: Number(m[4]), impact: Number(m[5]), reason, subject: m[6] ?? null, repo: m[7] ?? null });
  }
  return out;
}

/** What the risk's acceptance is now. */
export type AcceptanceState =
  | { state: "not-accept" }
  | { state: "owner"; reason: string }
  | { state: "accepted"; acceptance: Acceptance }
  | { state: "required"; reason: string; lapsed: Acceptance | null };

/**
 * Treatment `accept` below the threshold: the risk owner's form answer is the acceptance. At or above
 * it: the latest `/ims accept-risk` counts while the level is not above the level it accepted and the
 * risk is the one accepted (`subject`: a re-assessment to a higher level, or an edit of the asset,
 * threat or vulnerability, lapses it and requires acceptance again) in the repository it was accepted
 * in (`repo`: a risk transferred elsewhere needs that repository's acceptors).
 */
export function acceptanceState(treatment: string | null, level: RiskLevel | null, threshold: RiskLevel, acceptances: readonly Acceptance[], subject: string | null = null, repo: string | null = null): AcceptanceState {
  if (treatment !== "accept") return { state: "not-accept" };
  if (level === null) return { state: "required", reason: "the level is not assessed yet (likelihood and impact)", lapsed: null };
  if (!atOrAbove(level, threshold)) return { state: "owner", reason: `below \`${threshold}\`: the risk owner's treatment answer accepts it` };
  const last = acceptances.at(-1) ?? null;
  const sameRisk = !last?.subject || subject === null || last.subject === subject;
  if (last && !sameRisk) return { state: "required", reason: `accepted by @${last.by}, and the asset, threat or vulnerability has been edited since: acceptance lapsed`, lapsed: last };
  if (last?.repo && repo !== null && last.repo.toLowerCase() !== repo.toLowerCase()) return { state: "required", reason: `accepted by @${last.by} in ${last.repo}, and the risk has been transferred to ${repo} since, whose acceptors have not accepted it: acceptance lapsed`, lapsed: last };
  if (last && levelRank(last.level) >= levelRank(level)) return { state: "accepted", acceptance: last };
  if (last) return { state: "required", reason: `accepted at \`${last.level}\` by @${last.by}, and the risk is now \`${level}\`: acceptance lapsed`, lapsed: last };
  return { state: "required", reason: `\`${level}\` is at or above \`${threshold}\`: it needs \`/ims accept-risk\` by an acceptor`, lapsed: null };
}

export { RISK_LEVELS };
