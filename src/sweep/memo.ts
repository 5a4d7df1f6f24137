/**
 * What this process learnt about a record at its last evaluation: the labels and state it left it
 * in, and the next instant its SLA state can change. A sweep skips a record whose labels and state
 * are unchanged and whose next change is still ahead. Anything that could bring a change earlier
 * (priority, waiting, reopen) changes the labels or state; responses only make it later.
 */
interface Entry {
  sig: string;
  next: number | null;
}

/** Named limit: records remembered per process (oldest forgotten first). */
export const MEMO_MAX = 100_000;

const memo = new Map<string, Entry>();

const sigOf = (labels: readonly string[], state: string) => `${state}|${labels.map((l) => l.toLowerCase()).sort().join(",")}`;

/** Remembers an evaluation's outcome. */
export function remember(key: string, labels: readonly string[], state: string, next: Date | null): void {
  memo.delete(key);
  memo.set(key, { sig: sigOf(labels, state), next: next?.getTime() ?? null });
  if (memo.size > MEMO_MAX) memo.delete(memo.keys().next().value!);
}

/** The remembered next change (null: none) when the record looks as it was left; undefined when unknown. */
export function recall(key: string, labels: readonly string[], state: string): { next: number | null } | undefined {
  const e = memo.get(key);
  return e && e.sig === sigOf(labels, state) ? { next: e.next } : undefined;
}

/** Forgets everything (tests). */
export function forgetMemo(): void {
  memo.clear();
}
