import type { Context } from "probot";
import { CONFIG_PATH, formatConfigError } from "../config/errors.js";
import { writeConfigCheck } from "../github/config-check.js";
import { forgetCached } from "../github/etag-cache.js";
import { loadConfig } from "../github/load-config.js";
import type { HandlerEnv } from "./guard.js";

/** Named limit: GitHub lists at most this many commits in a push webhook. */
export const GITHUB_PUSH_COMMITS_LISTED = 20;

/** Check run that reports whether `.github/ims.yml` is valid on the commit that changed it. */
export const CONFIG_CHECK = "IMS / config";

/** On a push to the default branch that touches `.github/ims.yml`: validate it and report a check run. */
export async function onPush(context: Context<"push">, env: HandlerEnv): Promise<void> {
  const p = context.payload;
  const r = { owner: p.repository.owner?.login ?? p.repository.owner?.name ?? "", repo: p.repository.name };
  // A push payload lists at most 20 commits: with 20 listed, more may be hidden, so check anyway.
  const maybeMore = p.commits.length >= GITHUB_PUSH_COMMITS_LISTED;
  const touched = maybeMore || p.commits.some((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].includes(CONFIG_PATH));
  if (!touched || p.deleted) return;
  await forgetCached(context.octokit, r.owner, r.repo);
  const onDefault = p.ref === `refs/heads/${p.repository.default_branch}`;
  const resolved = await loadConfig(context.octokit, r.owner, r.repo, p.after);
  const ok = resolved.errors.length === 0;
  const summary = ok
    ? `\`${CONFIG_PATH}\` is valid.${onDefault ? "" : " It takes effect once it is on the default branch."}`
    : [
        `\`${CONFIG_PATH}\` is invalid; until it is fixed, ims-bot triages with its built-in defaults and the change-control gate fails closed.`,
        "",
        ...resolved.errors.map((e) => `- ${formatConfigError(e)}`),
      ].join("\n");
  const title = ok ? "Configuration valid" : `${resolved.errors.length} configuration error(s)`;
  await writeConfigCheck(context.octokit, r, { name: CONFIG_CHECK, headSha: p.after, ok, title, summary, now: env.now() });
}
