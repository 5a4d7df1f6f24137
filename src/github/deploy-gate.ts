import { deployCheckName, deployExternalId } from "../deploy/names.js";
import { ownDeployRun } from "./deploy-facts.js";
import type { Octokit, RepoRef } from "./types.js";
import { statusOf } from "./types.js";

export interface DeployCheck {
  conclusion: "success" | "failure" | "neutral";
  title: string;
  summary: string;
}

/**
 * Writes the gate's check run on the deployed commit (created, or our run of this deployment updated
 * in place; left alone when it already says the same) and returns its link.
 */
export async function writeDeployCheck(
  octokit: Octokit,
  r: RepoRef,
  d: { id: number; sha: string; environment: string },
  out: DeployCheck,
  now: Date,
  /** Our run of this deployment as the caller just read it (saves the lookup); undefined: look it up. */
  known?: Awaited<ReturnType<typeof ownDeployRun>>,
): Promise<{ id: number; htmlUrl: string | null; write: "created" | "updated" | "unchanged" }> {
  const existing = known === undefined ? await ownDeployRun(octokit, r, d) : known;
  const output = { title: out.title, summary: out.summary };
  if (existing && existing.status === "completed" && existing.conclusion === out.conclusion && existing.title === out.title) return { id: existing.id, htmlUrl: existing.htmlUrl, write: "unchanged" };
  const done = { status: "completed" as const, conclusion: out.conclusion, completed_at: now.toISOString(), output };
  if (existing) {
    const { data } = await octokit.rest.checks.update({ ...r, check_run_id: existing.id, ...done });
    return { id: data.id, htmlUrl: data.html_url ?? null, write: "updated" };
  }
  const { data } = await octokit.rest.checks.create({ ...r, name: deployCheckName(d.environment), head_sha: d.sha, external_id: deployExternalId(d.id), started_at: now.toISOString(), ...done });
  return { id: data.id, htmlUrl: data.html_url ?? null, write: "created" };
}

export type CallbackAnswer = "answered" | "already decided" | "run gone";

/**
 * Answers the protection rule of a waiting workflow run (`approved` or `rejected`). GitHub refusing it
 * because the run was already decided (422) or is gone (404) is an answer too: nothing to retry.
 */
export async function answerProtectionRule(octokit: Octokit, r: RepoRef, runId: number, body: { environment: string; state: "approved" | "rejected"; comment: string }): Promise<CallbackAnswer> {
  try {
    await octokit.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule", { ...r, run_id: runId, environment_name: body.environment, state: body.state, comment: body.comment });
    return "answered";
  } catch (error) {
    if (statusOf(error) === 422) return "already decided";
    if (statusOf(error) === 404) return "run gone";
    throw error;
  }
}
