import type { Context } from "probot";
import { forgetLabels } from "../github/labels.js";

/** A label was deleted or renamed: forget what the app knew of the repository's labels. */
export async function onLabel(context: Context<"label">): Promise<void> {
  const p = context.payload;
  if (p.action === "deleted" || p.action === "edited") await forgetLabels(context.octokit, { owner: p.repository.owner.login, repo: p.repository.name });
}
