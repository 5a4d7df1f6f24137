import type { Logger } from "probot";
import { basisHash } from "../change/commit-result.js";
import { decideMergeGroup, type GroupMember } from "../change/merge-group.js";
import { renderExplanation } from "../core/explain.js";
import { decodeTraces, encodeTrace } from "../core/trace.js";
import { callsSoFar, counting } from "../github/call-counter.js";
import { writeChangeCheck, type CheckWrite } from "../github/change-check.js";
import { loadConfig } from "../github/load-config.js";
import { compare, unexplainedFiles, type ComparedFile } from "../github/merge-group-content.js";
import { listOpenPulls } from "../github/open-pulls.js";
import { readPullIfAny } from "../github/pull-read.js";
import { serialized } from "../github/review-record.js";
import type { Octokit, RepoRef } from "../github/types.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { computeCommit, MAX_RECOMPUTES, type ChangeTrigger } from "./commit-flow.js";

/** A merge queue's group, as `merge_group` gives it (refs in full, `refs/heads/...`). */
export interface MergeGroupRef {
  headSha: string;
  headRef: string;
  baseSha: string;
  baseRef: string;
}

/** The queue's branch name: `gh-readonly-queue/{base}/pr-{number}-{sha}`; the number is the group's last pull request. */
const QUEUE_BRANCH = /^(?:refs\/heads\/)?gh-readonly-queue\/(.+)\/pr-(\d+)-([0-9a-f]{40})$/;

/**
 * The group this app last evaluated on `headSha`, from the trace of its own newest run there; null when
 * that run holds no merge group's result. A re-run names only a commit and a branch, and anyone who can
 * push can name a branch like the queue's (with any commit as its "base"), so a branch name proves
 * nothing: only GitHub's `merge_group` event makes a group, and every write of a group's result carries
 * the group as that event gave it. A later write for pull requests with this head replaces the trace.
 */
export function recordedGroup(summary: string | null | undefined, headSha: string): MergeGroupRef | null {
  const trace = decodeTraces(summary ?? "").find((t) => t.rule === "change.merge_group");
  const { head, base, baseRef, headRef } = trace?.inputs ?? {};
  if (head !== headSha || typeof base !== "string" || typeof baseRef !== "string" || typeof headRef !== "string") return null;
  return { headSha, headRef, baseSha: base, baseRef };
}

/** The pull request a queue commit's first line names ("Merge pull request #12 from ...", or a squash's "Title (#12)"). */
const MESSAGE_REF = /^(?:Merge pull request #(\d+)\b.*|.*\(#(\d+)\))$/;

/**
 * `IMS / change control` on a merge queue's commit: which pull requests the group holds (the queue
 * branch names the last; the commits between the group's base and head merge the others: a parent
 * that is an open pull request's head, or a message naming one), the result of each at its own head
 * (computeCommit, not written), and whether the group's commit adds anything beyond their own changes
 * (compares); then one conditional write on the group's head.
 */
export function evaluateMergeGroup(octokit: Octokit, r: RepoRef, group: MergeGroupRef, trigger: ChangeTrigger, log: Logger): Promise<{ conclusion: string; check: CheckWrite; members: number[]; calls: number }> {
  return serialized(octokit, `change:${r.owner}/${r.repo}@${group.headSha}`.toLowerCase(), () => run(octokit, r, group, trigger, log));
}

async function run(octokit: Octokit, r: RepoRef, group: MergeGroupRef, trigger: ChangeTrigger, log: Logger) {
  const resolved = trigger.config ?? (await loadConfig(octokit, r.owner, r.repo));
  let spent = 0;
  for (let attempt = 0; ; attempt++) {
    const { value: done, calls } = await counting(octokit, () => once(octokit, r, group, resolved, trigger, log, attempt >= MAX_RECOMPUTES));
    spent += calls;
    if (done.check !== "recompute") return { ...done, check: done.check, calls: spent };
    log.info({ repo: `${r.owner}/${r.repo}`, rule: "change.merge_group", head: group.headSha, attempt }, "merge group computed again: another evaluation wrote a result from newer inputs");
  }
}

/** One evaluation of the group and a write conditional on its inputs (forced after MAX_RECOMPUTES). */
async function once(octokit: Octokit, r: RepoRef, group: MergeGroupRef, resolved: ResolvedConfig, trigger: ChangeTrigger, log: Logger, force: boolean) {
  const last = Number(QUEUE_BRANCH.exec(group.headRef)?.[2] ?? Number.NaN);
  const [content, open] = await Promise.all([compare(octokit, r, group.baseSha, group.headSha), listOpenPulls(octokit, r)]);
  const byHead = new Map<string, number[]>();
  for (const p of open.pulls) byHead.set(p.headSha, [...(byHead.get(p.headSha) ?? []), p.number]);
  const numbers = new Set<number>(Number.isInteger(last) ? [last] : []);
  for (const c of content.commits) {
    for (const parent of c.parents.slice(1)) for (const n of byHead.get(parent) ?? []) numbers.add(n);
    const named = MESSAGE_REF.exec(c.message.split("\n")[0] ?? "");
    const n = Number(named?.[1] ?? named?.[2] ?? Number.NaN);
    if (Number.isInteger(n)) numbers.add(n);
  }
  const groupCommits = new Set(content.commits.map((c) => c.sha));
  const members: GroupMember[] = [];
  const own: Array<Map<string, ComparedFile>> = [];
  let unprovable = content.cut;
  const basis: unknown[] = [];
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const listed = open.pulls.find((p) => p.number === n);
    if (!listed) {
      // a pull request ahead of this one in the queue may have merged meanwhile: its group passed, and its
      // merge commit is one of this group's commits; anything else named here is not a pull request that passes
      const ahead = await mergedAhead(octokit, r, n, groupCommits);
      if (!ahead.head) {
        members.push({ number: n, headSha: null, conclusion: null, title: "not an open pull request" });
        continue;
      }
      const mine = await compare(octokit, r, group.baseSha, ahead.head);
      members.push({ number: n, headSha: ahead.head, conclusion: "success", title: "merged by the queue ahead of this group" });
      own.push(mine.files);
      unprovable ??= mine.cut;
      basis.push(`merged:${n}:${ahead.head}`);
      continue;
    }
    const groupBase = group.baseRef.replace(/^refs\/heads\//, "");
    if (listed.baseRef !== groupBase) {
      // a pull request into another branch is judged for that branch (it may not even be a change there): it cannot vouch for what enters this one
      members.push({ number: n, headSha: listed.headSha, conclusion: null, title: `targets ${listed.baseRef}, not ${groupBase}` });
      continue;
    }
    const [computed, mine] = await Promise.all([computeCommit(octokit, r, listed.headSha, resolved, trigger, [n]), compare(octokit, r, group.baseSha, listed.headSha)]);
    const part = computed.commit;
    members.push({ number: n, headSha: listed.headSha, conclusion: part?.conclusion ?? null, title: part?.title ?? "its head moved" });
    own.push(mine.files);
    unprovable ??= mine.cut;
    basis.push(computed.basis);
  }
  if (members.length === 0) unprovable ??= "the queue branch names no pull request";
  const unexplained = unprovable ? [] : unexplainedFiles(content.files, own);
  const decided = decideMergeGroup({ headSha: group.headSha, baseSha: group.baseSha, baseRef: group.baseRef.replace(/^refs\/heads\//, ""), members, unexplained, unprovable });
  const groupBasis = basisHash({ group, basis, files: [...content.files], unexplained, unprovable });
  const trace = encodeTrace({
    v: 1,
    rule: "change.merge_group",
    inputs: { head: group.headSha, base: group.baseSha, baseRef: group.baseRef, headRef: group.headRef, pulls: members.map((m) => ({ number: m.number, head: m.headSha, conclusion: m.conclusion })), files: content.files.size, basis: groupBasis },
    result: { conclusion: decided.conclusion, unexplained, unprovable },
    time: trigger.now.toISOString(),
    delivery: trigger.delivery,
  });
  const output = { title: decided.title, summary: `${renderExplanation(decided.explanation)}\n\n${trace}` };
  const written = await writeChangeCheck(octokit, r, { headSha: group.headSha, basis: groupBasis, conclusion: decided.conclusion, output, now: trigger.now, force });
  const check = written.write;
  if (check === "recompute") return { conclusion: decided.conclusion, check, members: members.map((m) => m.number) };
  log.info({ repo: `${r.owner}/${r.repo}`, rule: "change.merge_group", head: group.headSha, prs: members.map((m) => m.number), conclusion: decided.conclusion, unexplained, check, calls: callsSoFar() }, "merge group evaluated");
  return { conclusion: decided.conclusion, check, members: members.map((m) => m.number) };
}

/** The head of pull request `n` when it merged through the queue into one of the group's commits; null otherwise. */
async function mergedAhead(octokit: Octokit, r: RepoRef, n: number, groupCommits: Set<string>): Promise<{ head: string | null }> {
  const data = await readPullIfAny(octokit, r, n);
  return { head: data?.merged && data.merge_commit_sha && groupCommits.has(data.merge_commit_sha) ? data.head.sha : null };
}
