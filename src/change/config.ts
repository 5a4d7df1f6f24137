import picomatch from "picomatch";
import type { ChangeConfig } from "../config/schema.js";
import { kindLabel } from "../records/kinds.js";

/** The parts of the app config the change policy reads; a full `ImsConfig` fits. */
export interface ChangePolicyConfig {
  change: ChangeConfig;
  security: { team: string };
}

/** The app's own config file: a pull request that changes it changes the gate itself. */
export const GATE_CONFIG_PATH = ".github/ims.yml";

/** Labels and headings the change policy reads. */
export const CHANGE_LABEL = kindLabel("change");
export const TYPE_LABELS = { standard: "change:standard", normal: "change:normal", emergency: "change:emergency" } as const;
export const RISK_LABEL_PREFIX = "risk:";
/** The change-form heading that carries the risk level. */
export const RISK_FIELD = "Risk";

type Matcher = (path: string) => boolean;
const cache = new WeakMap<readonly string[], Matcher>();

/** A compiled glob matcher (picomatch, `dot: true`), cached per pattern list so evaluations stay cheap. */
export function globMatcher(patterns: readonly string[]): Matcher {
  let m = cache.get(patterns);
  if (!m) {
    m = patterns.length === 0 ? () => false : picomatch([...patterns], { dot: true });
    cache.set(patterns, m);
  }
  return m;
}

