import { CHANGE_CHECK_NAME } from "../change/facts.js";
import { appId } from "./bot-identity.js";
import type { Octokit, RepoRef } from "./types.js";

/** This app's newest run of `IMS / change control` on a commit: what the last evaluation wrote there. */
export interface OwnRun {
  id: number;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string;
  externalId: string | null;
}

/**
 * The newest run of `IMS / change control` this app wrote on `headSha` (1 call); null when none. Runs
 * of the same name by another app or a workflow are not this app's (filtered by app id when known).
 */
export async function newestOwnRun(octokit: Octokit, r: RepoRef, headSha: string): Promise<OwnRun | null> {
  const id = appId();
  const { data } = await octokit.rest.checks.listForRef({ ...r, ref: headSha, check_name: CHANGE_CHECK_NAME, filter: "latest", per_page: 100, ...(id ? { app_id: id } : {}) });
  const mine = data.check_runs.filter((c) => c.name === CHANGE_CHECK_NAME && c.head_sha === headSha && (id === null || c.app?.id === id));
  const newest = mine.sort((a, b) => b.id - a.id)[0];
  return newest ? ownRun(newest) : null;
}

type ListedRun = { id: number; status: string; conclusion?: string | null; output: { title?: string | null; summary?: string | null }; external_id?: string | null };
const ownRun = (c: ListedRun): OwnRun => ({ id: c.id, status: c.status, conclusion: c.conclusion ?? null, title: c.output.title ?? null, summary: c.output.summary ?? "", externalId: c.external_id ?? null });

/**
 * This app's newest run of `IMS / change control` on `headSha` that `isFor` accepts (1 call, every run
 * on the commit, not only the latest): a check run belongs to a commit, not a pull request, so two pull
 * requests of one head each have their own runs there, told apart by the pull request their trace names.
 */
export async function newestOwnRunWhere(octokit: Octokit, r: RepoRef, headSha: string, isFor: (run: OwnRun) => boolean): Promise<OwnRun | null> {
  const id = appId();
  const { data } = await octokit.rest.checks.listForRef({ ...r, ref: headSha, check_name: CHANGE_CHECK_NAME, filter: "all", per_page: 100, ...(id ? { app_id: id } : {}) });
  const mine = data.check_runs
    .filter((c) => c.name === CHANGE_CHECK_NAME && c.head_sha === headSha && (id === null || c.app?.id === id))
    .sort((a, b) => b.id - a.id)
    .map(ownRun);
  return mine.find(isFor) ?? null;
}
