import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/defaults.js";
import { ConfigSchema } from "../../src/config/schema.js";
import { DEFAULT_MATRIX, levelRank, matrixProblem, RISK_LEVELS, riskLevel, scaleValue, type RiskLevel } from "../../src/risks/matrix.js";

describe("the risk matrix", () => {
  it("rates the default 5x5 matrix's corners and a middle cell", () => {
    expect(riskLevel(DEFAULT_MATRIX, 1, 1)).toBe("low");
    expect(riskLevel(DEFAULT_MATRIX, 5, 5)).toBe("critical");
    expect(riskLevel(DEFAULT_MATRIX, 4, 4)).toBe("high");
    expect(riskLevel(DEFAULT_MATRIX, 3, 3)).toBe("medium");
    expect(riskLevel(DEFAULT_MATRIX, 6, 1)).toBeNull();
  });

  it("reads `4 - Likely`, `4` and `likely` as step 4, and nothing outside the scale", () => {
    const names = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"];
    expect(scaleValue("4 - Likely", names, 5)).toBe(4);
    expect(scaleValue("4", names, 5)).toBe(4);
    expect(scaleValue("likely", names, 5)).toBe(4);
    expect(scaleValue("9 - Huge", names, 5)).toBeNull();
    expect(scaleValue("0", names, 5)).toBeNull();
    expect(scaleValue(null, names, 5)).toBeNull();
  });

  it("the default matrix is valid and the default config carries it", () => {
    expect(matrixProblem(DEFAULT_MATRIX)).toBeNull();
    expect(defaultConfig().risks.matrix).toEqual(DEFAULT_MATRIX);
  });

  const level = fc.constantFrom(...RISK_LEVELS);
  // any matrix the config accepts (random levels, sorted into a monotone one by taking running maxima)
  const monotone = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).chain(([h, w]) =>
    fc.array(fc.array(level, { minLength: w, maxLength: w }), { minLength: h, maxLength: h }).map((m) => {
      const out: RiskLevel[][] = m.map((r) => [...r]);
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) {
        const up = i > 0 ? levelRank(out[i - 1]![j]!) : 0;
        const left = j > 0 ? levelRank(out[i]![j - 1]!) : 0;
        out[i]![j] = RISK_LEVELS[Math.max(levelRank(out[i]![j]!), up, left)]!;
      }
      return out;
    }),
  );

  it("property: on the default matrix and any valid one, the level never decreases when likelihood or impact rise", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(DEFAULT_MATRIX), monotone), fc.nat(), fc.nat(), fc.nat(), fc.nat(), (m, a, b, c, d) => {
        expect(matrixProblem(m)).toBeNull();
        const h = m.length, w = m[0]!.length;
        const [l1, l2] = [a % h, b % h].sort((x, y) => x - y) as [number, number];
        const [i1, i2] = [c % w, d % w].sort((x, y) => x - y) as [number, number];
        expect(levelRank(riskLevel(m, l2 + 1, i2 + 1)!)).toBeGreaterThanOrEqual(levelRank(riskLevel(m, l1 + 1, i1 + 1)!));
      }),
    );
  });

  it("property: any matrix where a level falls is rejected by the config with a clear error", () => {
    fc.assert(
      fc.property(fc.array(fc.array(level, { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }), (m) => {
        let falls = false;
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
          if (j < 2 && levelRank(m[i]![j + 1]!) < levelRank(m[i]![j]!)) falls = true;
          if (i < 2 && levelRank(m[i + 1]![j]!) < levelRank(m[i]![j]!)) falls = true;
        }
        expect(matrixProblem(m) !== null).toBe(falls);
      }),
    );
  });

  it("config: a matrix whose level falls, or a ragged one, fails validation saying where", () => {
    const raw = (matrix: unknown) => ({ ...defaultConfig(), risks: { matrix } });
    const bad = ConfigSchema.safeParse(raw([["low", "high"], ["medium", "medium"]]));
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(["risks", "matrix"]);
    expect(bad.error!.issues[0]!.message).toContain("falls from `high` to `medium` when likelihood rises from 1 to 2 at impact 2");
    const ragged = ConfigSchema.safeParse(raw([["low", "high"], ["high"]]));
    expect(ragged.error!.issues[0]!.message).toContain("row 2 (likelihood 2) has 1 levels where row 1 has 2");
    const unknown = ConfigSchema.safeParse(raw([["low", "severe"]]));
    expect(unknown.success).toBe(false);
    expect(ConfigSchema.safeParse(raw([["low", "high"], ["high", "critical"]])).success).toBe(true);
  });
});
