import type { Octokit, RepoRef } from "./types.js";

/** What the `IMS / config` run on a commit says about its `.github/ims.yml`. */
export interface ConfigCheck {
  name: string;
  headSha: string;
  ok: boolean;
  title: string;
  summary: string;
  now: Date;
}

/** Writes the completed config check run on the commit (1 call: each push that touches the file gets its own run). */
export async function writeConfigCheck(octokit: Octokit, r: RepoRef, c: ConfigCheck): Promise<void> {
  await octokit.rest.checks.create({
    ...r,
    name: c.name,
    head_sha: c.headSha,
    status: "completed",
    conclusion: c.ok ? "success" : "failure",
    completed_at: c.now.toISOString(),
    output: { title: c.title, summary: c.summary },
  });
}
