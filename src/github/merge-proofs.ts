/**
 * Remembered proofs that a merge commit brings only the target branch in. A commit's sha fixes its
 * parents and their whole history, so the three compares behind a proof (each between two of the
 * merge and its parents) always give the same answer: the proof can be kept for as long as the store
 * allows and needs no invalidation. Only answers GitHub gave are kept, never a failed compare.
 */
import type { StoreArea } from "../store/index.js";
import { areaOf } from "./store-of.js";

export { MERGE_PROOFS_MAX } from "../store/areas.js";

/** Where proofs are kept: the store's `mergeProofs` area (bounded in src/store/areas.ts). */
export type ProofStore = Pick<StoreArea<boolean>, "get" | "set">;

/** The proof store of the app's store bound to this Octokit. */
export function mergeProofs(octokit: object): ProofStore {
  return areaOf<boolean>(octokit, "mergeProofs");
}

/**
 * The key of a merge's proof: the GitHub it was read from (github.com, an Enterprise Server, a
 * simulator), the repository and the merge commit (which fixes both parents).
 */
export function proofKey(api: string, r: { owner: string; repo: string }, mergeSha: string): string {
  return `${api} ${r.owner}/${r.repo}@${mergeSha}`.toLowerCase();
}
