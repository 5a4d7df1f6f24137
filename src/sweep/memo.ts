import type { ImsConfig } from "../config/schema.js";

/**
 * What this process learnt about a record at its last evaluation: the labels and state it left it
 * in, and the next instant its SLA state can change. A sweep skips a record whose labels and state
 * are unchanged and whose next change is still ahead. Anything that could bring a change earlier
 * (priority, waiting, reopen) changes the labels or state; responses only make it later. A change of
 * the config's SLA or escalation sections (shorter targets, another calendar) makes it unknown again.
 */
interface Entry {
  sig: string;
  next: number | null;
}

/** Named limit: records remembered per process (oldest forgotten first). */
export const MEMO_MAX = 100_000;

const memo = new Map<string, Entry>();

const configKeys = new WeakMap<ImsConfig, string>();

/** The parts of a config the remembered next change depends on (computed once per config object). */
function configKey(config: ImsConfig): string {
  let k = configKeys.get(config);
  if (k === undefined) {
    k = JSON.stringify([config.sla, config.escalation.levels, config.classification.conflict]);
    configKeys.set(config, k);
  }
  return k;
}

const sigOf = (labels: readonly string[], state: string, config: ImsConfig) =>
  `${state}|${labels.map((l) => l.toLowerCase()).sort().join(",")}|${configKey(config)}`;

/** Remembers an evaluation's outcome. */
export function remember(key: string, labels: readonly string[], state: string, config: ImsConfig, next: Date | null): void {
  memo.delete(key);
  memo.set(key, { sig: sigOf(labels, state, config), next: next?.getTime() ?? null });
  if (memo.size > MEMO_MAX) memo.delete(memo.keys().next().value!);
}

/** The remembered next change (null: none) when the record looks as it was left under the same config; undefined when unknown. */
export function recall(key: string, labels: readonly string[], state: string, config: ImsConfig): { next: number | null } | undefined {
  const e = memo.get(key);
  return e && e.sig === sigOf(labels, state, config) ? { next: e.next } : undefined;
}

/** Forgets everything (tests). */
export function forgetMemo(): void {
  memo.clear();
}
