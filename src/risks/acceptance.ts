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
}

const MARKER = /<!-- ims-risk-accepted by=([A-Za-z0-9-]{1,39}) at=(\S+) level=(low|medium|high|critical) likelihood=(\d+) impact=(\d+) reason=(\S*) -->/g;

/** The marker the acceptance comment carries. */
export function acceptanceMarker(a: Acceptance): string {
  return `<!-- ims-risk-accepted by=${a.by} at=${a.at} level=${a.level} likelihood=${a.likelihood} impact=${a.impact} reason=${encodeURIComponent(a.reason)} -->`;
}

/** Every acceptance recorded in the app's own text, oldest first. */
export function parseAcceptances(ownText: string): Acceptance[] {
  const out: Acceptance[] = [];
  for (const m of ownText.matchAll(MARKER)) {
    let reason = "";
    try {
      reason = decodeURIComponent(m[6]!);
    } catch {
      reason = "";
    }
    out.push({ by: m[1]!, at: m[2]!, level: m[3] as RiskLevel, likelihood: Number(m[4]), impact: Number(m[5]), reason });
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
 * it: the latest `/ims accept-risk` counts while the level is not above the level it accepted (a
 * re-assessment to a higher level lapses it and requires acceptance again).
 */
export function acceptanceState(treatment: string | null, level: RiskLevel | null, threshold: RiskLevel, acceptances: readonly Acceptance[]): AcceptanceState {
  if (treatment !== "accept") return { state: "not-accept" };
  if (level === null) return { state: "required", reason: "the level is not assessed yet (likelihood and impact)", lapsed: null };
  if (!atOrAbove(level, threshold)) return { state: "owner", reason: `below \`${threshold}\`: the risk owner's treatment answer accepts it` };
  const last = acceptances.at(-1) ?? null;
  if (last && levelRank(last.level) >= levelRank(level)) return { state: "accepted", acceptance: last };
  if (last) return { state: "required", reason: `accepted at \`${last.level}\` by @${last.by}, and the risk is now \`${level}\`: acceptance lapsed`, lapsed: last };
  return { state: "required", reason: `\`${level}\` is at or above \`${threshold}\`: it needs \`/ims accept-risk\` by an acceptor`, lapsed: null };
}

export { RISK_LEVELS };
