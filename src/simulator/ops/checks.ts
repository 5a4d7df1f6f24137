import type { Core } from "../core.js";
import { HttpError, validation } from "../errors.js";
import { checkRunJson } from "../json/check.js";
import type { CheckOutput, CheckRun, Repo } from "../types.js";

export const CHECK_OUTPUT_MAX = 65535;

export interface CheckInput {
  name?: string;
  head_sha?: string;
  status?: CheckRun["status"];
  conclusion?: string | null;
  external_id?: string;
  details_url?: string;
  started_at?: string;
  completed_at?: string;
  output?: Partial<CheckOutput>;
}

type CheckListener = (repo: Repo, sha: string) => void;
const completedListeners = new WeakMap<Core, CheckListener[]>();

/** Lets the merge queue follow check runs completing on a group's head, without a dependency cycle. */
export function onCheckCompleted(core: Core, listener: CheckListener): void {
  completedListeners.set(core, [...(completedListeners.get(core) ?? []), listener]);
}

function completed(core: Core, repo: Repo, run: CheckRun): void {
  for (const listener of completedListeners.get(core) ?? []) listener(repo, run.headSha);
}

const CONCLUSIONS: ReadonlySet<string> = new Set(["success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required", "stale"]);

function applyInput(core: Core, run: CheckRun, input: CheckInput): void {
  if (input.output) {
    for (const key of ["summary", "text"] as const) {
      const value = input.output[key];
      if (typeof value === "string" && value.length > CHECK_OUTPUT_MAX) {
        throw validation("CheckRun", `output.${key}`, "custom", `Only ${CHECK_OUTPUT_MAX} characters are allowed; ${value.length} were supplied.`);
      }
    }
    run.output = { ...run.output, ...input.output };
  }
  if (input.conclusion !== undefined && input.conclusion !== null) {
    if (!CONCLUSIONS.has(input.conclusion)) throw validation("CheckRun", "conclusion", "invalid");
    run.conclusion = input.conclusion;
    run.status = "completed";
  }
  if (input.status) run.status = input.status;
  if (run.status === "completed" && !run.conclusion) throw validation("CheckRun", "conclusion", "missing_field", "Conclusion is required when status is completed");
  if (input.external_id !== undefined) run.externalId = input.external_id;
  if (input.details_url !== undefined) run.detailsUrl = input.details_url;
  if (input.started_at) run.startedAt = input.started_at;
  if (run.status === "completed") run.completedAt = input.completed_at ?? run.completedAt ?? core.now();
}

function emitCheck(core: Core, repo: Repo, run: CheckRun, action: string, sender: string, extra = {}): void {
  core.emitRepo("check_run", repo, sender, { action, check_run: checkRunJson(core, repo, run, { suite: true }), ...extra });
}

/** Creates a check run (app only); emits `check_run.created`, and `completed` when created completed. */
export function createCheckRun(core: Core, actor: string, repo: Repo, input: CheckInput): CheckRun {
  if (!input.name) throw validation("CheckRun", "name", "missing_field");
  if (!input.head_sha) throw validation("CheckRun", "head_sha", "missing_field");
  const sha = core.store.resolveRef(repo, input.head_sha);
  const run: CheckRun = {
    id: core.store.id(),
    repo: repo.fullName,
    name: input.name,
    headSha: sha,
    status: "queued",
    conclusion: null,
    startedAt: core.now(),
    completedAt: null,
    output: { title: null, summary: null, text: null },
    externalId: null,
    detailsUrl: null,
    appId: core.app.id,
  };
  applyInput(core, run, input);
  core.store.checkRuns.set(run.id, run);
  emitCheck(core, repo, run, "created", actor);
  if (run.status === "completed") {
    emitCheck(core, repo, run, "completed", actor);
    completed(core, repo, run);
  }
  return run;
}

export function updateCheckRun(core: Core, actor: string, repo: Repo, run: CheckRun, input: CheckInput): CheckRun {
  if (input.name) run.name = input.name;
  const wasCompleted = run.status === "completed";
  applyInput(core, run, input);
  if (!wasCompleted && run.status === "completed") emitCheck(core, repo, run, "completed", actor);
  if (run.status === "completed") completed(core, repo, run);
  return run;
}

/** Someone pressed "Re-run" on the check: emits `check_run.rerequested`. */
export function rerequestCheck(core: Core, actor: string, run: CheckRun): void {
  const repo = core.store.repoByName(run.repo);
  if (run.status !== "completed") throw new HttpError(422, "This check run is not rerequestable");
  emitCheck(core, repo, run, "rerequested", actor);
}

/** The newest run per check name on a commit (GitHub's `filter=latest`). */
export function latestRuns(core: Core, repo: Repo, sha: string): CheckRun[] {
  const byName = new Map<string, CheckRun>();
  for (const run of core.store.checkRuns.values()) {
    if (run.repo === repo.fullName && run.headSha === sha) byName.set(run.name, run);
  }
  return [...byName.values()];
}
