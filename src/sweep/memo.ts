import { createHash } from "node:crypto";
import type { ImsConfig } from "../config/schema.js";
import type { Store } from "../store/index.js";
import { AREAS } from "../store/areas.js";

export { MEMO_MAX } from "../store/areas.js";

/**
 * What the app learnt about a record at its last evaluation: the labels and state it left it in,
 * and the next instant its SLA state can change. A sweep skips a record whose labels and state are
 * unchanged and whose next change is still ahead. Anything that could bring a change earlier
 * (priority, waiting, reopen) changes the labels or state; responses only make it later. A change of
 * the config's SLA or escalation sections (shorter targets, another calendar) makes it unknown again.
 * An instance whose store does not know a record reads it (the memo only ever saves reads).
 */
interface Entry {
  sig: string;
  next: number | null;
}

const memo = (store: Store) => store.area<Entry>("sweepMemo", AREAS.sweepMemo);

/**
 * The parts of a config the remembered next change depends on, as a digest: the JSON itself (about
 * 1 KiB) in every entry made the memo the largest thing a long-running sweep keeps.
 */
const configKey = (config: ImsConfig): string =>
  createHash("sha256").update(JSON.stringify([config.sla, config.escalation.levels, config.classification.conflict])).digest("base64url").slice(0, 22);

const sigOf = (labels: readonly string[], state: string, key: string) => `${state}|${labels.map((l) => l.toLowerCase()).sort().join(",")}|${key}`;

/** Remembers an evaluation's outcome. */
export async function remember(store: Store, key: string, labels: readonly string[], state: string, config: ImsConfig, next: Date | null): Promise<void> {
  await memo(store).set(key, { sig: sigOf(labels, state, configKey(config)), next: next?.getTime() ?? null });
}

/**
 * The recall of one sweep under one config (its key is computed once, not per record): the remembered
 * next change (null: none) when the record looks as it was left; undefined when unknown.
 */
export function recaller(store: Store, config: ImsConfig): (key: string, labels: readonly string[], state: string) => Promise<{ next: number | null } | undefined> {
  const area = memo(store);
  const ck = configKey(config);
  return async (key, labels, state) => {
    const e = await area.get(key);
    return e && e.sig === sigOf(labels, state, ck) ? { next: e.next } : undefined;
  };
}
