/**
 * The risk matrix (27001 6.1.2 d, 27013 6.2.4): likelihood x impact -> risk level, one matrix for
 * service and security risks alike. Pure: no config loading, no I/O.
 */
export const RISK_LEVELS = ["low", "medium", "high", "critical"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Rows are likelihood 1..N (rare first), columns impact 1..M (negligible first). */
export type RiskMatrix = readonly (readonly RiskLevel[])[];

/** The rank of a level: low 0 ... critical 3. */
export const levelRank = (l: RiskLevel): number => RISK_LEVELS.indexOf(l);

/** At or above a threshold (`high` is at or above `high`). */
export const atOrAbove = (l: RiskLevel, threshold: RiskLevel): boolean => levelRank(l) >= levelRank(threshold);

/**
 * Why a matrix cannot be used, or null: rows of equal, non-zero length, and the level never falls
 * when likelihood or impact rise (a higher score must never need less attention).
 */
export function matrixProblem(m: RiskMatrix): string | null {
  if (m.length === 0) return "must have at least one likelihood row";
  const width = m[0]!.length;
  if (width === 0) return "must have at least one impact column";
  for (let i = 0; i < m.length; i++) {
    if (m[i]!.length !== width) return `row ${i + 1} (likelihood ${i + 1}) has ${m[i]!.length} levels where row 1 has ${width}: every likelihood needs one level per impact`;
  }
  for (let i = 0; i < m.length; i++) {
    for (let j = 0; j < width; j++) {
      const here = levelRank(m[i]![j]!);
      if (j + 1 < width && levelRank(m[i]![j + 1]!) < here) {
        return `falls from \`${m[i]![j]}\` to \`${m[i]![j + 1]}\` when impact rises from ${j + 1} to ${j + 2} at likelihood ${i + 1}: a level must never decrease when likelihood or impact rise`;
      }
      if (i + 1 < m.length && levelRank(m[i + 1]![j]!) < here) {
        return `falls from \`${m[i]![j]}\` to \`${m[i + 1]![j]}\` when likelihood rises from ${i + 1} to ${i + 2} at impact ${j + 1}: a level must never decrease when likelihood or impact rise`;
      }
    }
  }
  return null;
}

/** The level for a likelihood and an impact (1-based), or null when either is outside the matrix. */
export function riskLevel(m: RiskMatrix, likelihood: number, impact: number): RiskLevel | null {
  return m[likelihood - 1]?.[impact - 1] ?? null;
}

/** The default 5x5 matrix (likelihood rows 1..5, impact columns 1..5). */
export const DEFAULT_MATRIX: RiskLevel[][] = [
  ["low", "low", "low", "medium", "medium"],
  ["low", "low", "medium", "medium", "high"],
  ["low", "medium", "medium", "high", "high"],
  ["medium", "medium", "high", "high", "critical"],
  ["medium", "high", "high", "critical", "critical"],
];

/**
 * A scale answer from the form: `4 - Likely`, `4`, or a named step (`likely`) of the given names.
 * Null when it is none of them or outside 1..max.
 */
export function scaleValue(answer: string | null, names: readonly string[], max: number): number | null {
  if (!answer) return null;
  const text = answer.trim().toLowerCase();
  const m = /^(\d+)\b/.exec(text);
  if (m) {
    const n = Number(m[1]);
    return n >= 1 && n <= max ? n : null;
  }
  const at = names.findIndex((n) => n.toLowerCase() === text);
  return at >= 0 && at < max ? at + 1 : null;
}
