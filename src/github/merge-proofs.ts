/**
 * Remembered proofs that a merge commit brings only the target branch in. A commit's sha fixes its
 * parents and their whole history, so the three compares behind a proof (each between two of the
 * merge and its parents) always give the same answer: the proof can be kept for as long as memory
 * allows and needs no invalidation. Only answers GitHub gave are kept, never a failed compare.
 */

/** Named limit: merge proofs kept per process (one boolean each; least recently used are dropped). */
export const MERGE_PROOFS_MAX = 20_000;

/** What a proof store offers; issue 9 moves it behind a shared store, so callers see only this. */
export interface ProofStore {
  get(key: string): boolean | undefined;
  set(key: string, value: boolean): void;
}

/** A bounded map that forgets the least recently used entry first (a Map keeps insertion order). */
export class LruCache<V> {
  readonly #entries = new Map<string, V>();

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`LruCache: max must be a positive integer, got ${max}`);
  }

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value!);
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}

const proofs = new LruCache<boolean>(MERGE_PROOFS_MAX);

/** The process's proof store. */
export function mergeProofs(): ProofStore {
  return proofs;
}

/**
 * The key of a merge's proof: the GitHub it was read from (github.com, an Enterprise Server, a
 * simulator), the repository and the merge commit (which fixes both parents).
 */
export function proofKey(api: string, r: { owner: string; repo: string }, mergeSha: string): string {
  return `${api} ${r.owner}/${r.repo}@${mergeSha}`.toLowerCase();
}

/** Forgets every proof (tests start from a clean process state). */
export function forgetMergeProofs(): void {
  proofs.clear();
}
