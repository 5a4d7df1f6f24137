import type { Context } from "probot";
import { sweepRepo } from "../sweep/sweep-repo.js";
import type { HandlerEnv } from "./guard.js";

/** The `repository_dispatch` type a scheduled Actions workflow sends to sweep its repository. */
export const SWEEP_EVENT = "ims-sweep";

/** `repository_dispatch` of type `ims-sweep`: sweeps the repository's open incident records now. */
export async function onDispatch(context: Context<"repository_dispatch">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  if (p.action !== SWEEP_EVENT) return;
  const r = { owner: p.repository.owner.login, repo: p.repository.name };
  const stats = await sweepRepo(context.octokit, r, { now: env.now(), id: `dispatch-${context.id}`, log: context.log, store: env.store, self: async () => env.self });
  context.log.info({ ...stats, sweep: `dispatch-${context.id}` }, "sweep by repository_dispatch done");
}
