import { withCalls } from "./call-counter.js";
import type { CommitFacts, ReviewFacts, ReviewState, Truncation } from "../change/facts.js";
import { parseCoAuthors } from "../change/facts.js";
import { mergeProofs, proofKey, type ProofStore } from "./merge-proofs.js";
import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";

/** Named limits: GitHub lists at most 250 commits and 3,000 files of a pull request. */
export const GITHUB_MAX_PR_COMMITS = 250;
export const GITHUB_MAX_PR_FILES = 3_000;
/** Our own bound on reviews read per evaluation (GitHub sets none); more is reported as truncated. */
export const MAX_PR_REVIEWS = 1_000;
const PER_PAGE = 100;

/** A list read page by page up to a cap, with how many requests it took. */
export interface Capped<T> {
  items: T[];
  calls: number;
  truncated?: Truncation;
}

/** Reads pages until `cap` items or a short page; `total` (when GitHub says it) decides truncation. */
async function readCapped<T, R>(pages: AsyncIterable<{ data: R[] }>, cap: number, total: number | null, map: (r: R) => T): Promise<Capped<T>> {
  const items: T[] = [];
  let calls = 0;
  let full = false;
  for await (const page of pages) {
    calls++;
    for (const r of page.data) items.push(map(r));
    full = page.data.length === PER_PAGE;
    if (items.length >= cap) break;
  }
  const kept = items.slice(0, cap);
  const cut = total !== null ? total > kept.length : full && items.length >= cap;
  return cut ? { items: kept, calls, truncated: { read: kept.length, total, limit: cap } } : { items: kept, calls };
}

type ApiCommit = Awaited<ReturnType<Octokit["rest"]["pulls"]["listCommits"]>>["data"][number];

/**
 * The pull request's commits, oldest first (GitHub stops at 250: `total` from the pull request tells
 * whether that cut anything). `mergesTargetOnly` is decided afterwards by markTargetMerges.
 */
export async function readCommits(octokit: Octokit, r: RepoRef, pull: number, total: number | null, verifyMerges = true): Promise<Capped<CommitFacts>> {
  const pages = octokit.paginate.iterator(octokit.rest.pulls.listCommits, { ...r, pull_number: pull, per_page: PER_PAGE });
  const read = await readCapped(pages, GITHUB_MAX_PR_COMMITS, total, (c: ApiCommit): CommitFacts => ({
    sha: c.sha,
    parents: c.parents.map((p) => p.sha),
    author: { name: c.commit.author?.name ?? "", email: c.commit.author?.email ?? "", login: c.author?.login ?? null },
    committer: { name: c.commit.committer?.name ?? "", email: c.commit.committer?.email ?? "", login: c.committer?.login ?? null },
    coAuthors: parseCoAuthors(c.commit.message),
    mergesTargetOnly: false,
    verified: c.commit.verification?.verified === true,
  }));
  const marked = markTargetMerges(read.items, Boolean(read.truncated));
  if (!verifyMerges) return { ...read, items: marked };
  const verified = await verifyTargetMerges(octokit, r, marked);
  return { ...read, items: verified.commits, calls: read.calls + verified.calls };
}

/** GitHub's compare lists at most 300 files: a list that long may hide one. */
const COMPARE_FILES_MAX = 300;

/**
 * A merge's parents alone do not show that it only brings the target in: an "evil merge" can carry
 * any new code in its tree. A merge stays target-only when every file it changes against the
 * pull-request side (first parent) is exactly the target side's version, and is a file the target side
 * changed since the two split (so an old target commit cannot put back a file as it was before a fix).
 * Three compares per candidate merge, once: the answer is kept per merge commit (src/github/merge-proofs.ts).
 * Anything that cannot be shown (a compare that fails or is cut at 300 files, a conflict resolution in
 * a file both sides changed) makes it an ordinary commit; a failed compare is asked again next time.
 */
export async function verifyTargetMerges(octokit: Octokit, r: RepoRef, commits: CommitFacts[], store: ProofStore = mergeProofs(octokit)): Promise<{ commits: CommitFacts[]; calls: number }> {
  return withCalls(octokit, async () => {
    const api = String(octokit.request.endpoint.DEFAULTS.baseUrl);
    // null: GitHub did not answer (not kept, the next evaluation asks again); "cut": 300 files or more
    const changed = async (base: string, head: string): Promise<Set<string> | "cut" | null> => {
      try {
        const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...r, basehead: `${base}...${head}` });
        const files = data.files ?? [];
        return files.length >= COMPARE_FILES_MAX ? "cut" : new Set(files.map((f) => f.filename));
      } catch (error) {
        if (statusOf(error) !== undefined) return null;
        throw error;
      }
    };
    const out = await Promise.all(commits.map(async (c) => {
      if (!c.mergesTargetOnly) return c;
      const key = proofKey(api, r, c.sha);
      const known = await store.get(key);
      if (known !== undefined) return known ? c : { ...c, mergesTargetOnly: false };
      const [ours, theirs] = c.parents;
      // what the target side changed since it split from ours (three-dot): only those files may come in
      const [fromOurs, fromTheirs, targetChanged] = await Promise.all([changed(ours!, c.sha), changed(theirs!, c.sha), changed(ours!, theirs!)]);
      if (fromOurs === null || fromTheirs === null || targetChanged === null) return { ...c, mergesTargetOnly: false };
      const clean = fromOurs !== "cut" && fromTheirs !== "cut" && targetChanged !== "cut"
        && [...fromOurs].every((f) => !fromTheirs.has(f) && targetChanged.has(f));
      await store.set(key, clean);
      return clean ? c : { ...c, mergesTargetOnly: false };
    }));
    return { commits: out };
  });
}

/**
 * A merge commit only brings the target branch in when its second parent is not a commit of the pull
 * request: GitHub lists exactly the commits reachable from the head and not from the base, so a parent
 * outside that list is already on the target. With a truncated list nothing can be shown, so no commit
 * is marked. The parents are only the first test: verifyTargetMerges then checks the merge's files.
 */
export function markTargetMerges(commits: CommitFacts[], truncated: boolean): CommitFacts[] {
  if (truncated) return commits;
  const ours = new Set(commits.map((c) => c.sha));
  return commits.map((c) => {
    const [, second, ...more] = c.parents;
    const merges = second !== undefined && more.length === 0 && ours.has(c.parents[0]!) && !ours.has(second);
    return merges ? { ...c, mergesTargetOnly: true } : c;
  });
}

/**
 * Changed paths, up to GitHub's 3,000 files. A rename gives both its new and its old path: moving
 * `infra/prod.tf` to `docs/prod.tf` takes it out of infra/, which is a change to infra/.
 */
export async function readFiles(octokit: Octokit, r: RepoRef, pull: number, total: number | null): Promise<Capped<string>> {
  const pages = octokit.paginate.iterator(octokit.rest.pulls.listFiles, { ...r, pull_number: pull, per_page: PER_PAGE });
  const read = await readCapped(pages, GITHUB_MAX_PR_FILES, total, (f: { filename: string; previous_filename?: string }) =>
    f.previous_filename && f.previous_filename !== f.filename ? [f.filename, f.previous_filename] : [f.filename]);
  return { ...read, items: read.items.flat() };
}

type ApiReview = Awaited<ReturnType<Octokit["rest"]["pulls"]["listReviews"]>>["data"][number];
const STATES: ReadonlySet<string> = new Set<ReviewState>(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"]);

/** Every review, oldest first; pending (unsubmitted) reviews are not reviews yet and are left out. */
export async function readReviews(octokit: Octokit, r: RepoRef, pull: number): Promise<Capped<ReviewFacts>> {
  const pages = octokit.paginate.iterator(octokit.rest.pulls.listReviews, { ...r, pull_number: pull, per_page: PER_PAGE });
  const read = await readCapped(pages, MAX_PR_REVIEWS, null, (v: ApiReview) => v);
  const items = read.items.flatMap((v): ReviewFacts[] => {
    const state = v.state.toUpperCase() as ReviewState;
    if (!STATES.has(state) || !v.submitted_at) return [];
    const type = v.user?.type === "Bot" || v.user?.type === "Organization" ? v.user.type : "User";
    return [{ id: v.id, user: v.user ? { login: v.user.login, type } : null, state, commitId: v.commit_id ?? null, submittedAt: v.submitted_at }];
  });
  return { ...read, items };
}
