import type { Logger } from "probot";
import { ProbotOctokit } from "probot";
import { tokenSource } from "../evidence/export/auth.js";
import { ExportError } from "../evidence/export/errors.js";
import { onboardRepo } from "../flows/onboard-repo.js";
import { setupReply } from "../commands/setup.js";
import { UsageError, type CliIo } from "./usage-error.js";

/** Log lines of the flow, one JSON line each on stderr: the CLI user reads the summary on stdout. */
function cliLogger(io: CliIo): Logger {
  const line = (level: string) => (obj: unknown, msg?: string) => void io.err(`${JSON.stringify({ level, ...(typeof obj === "object" && obj ? obj : { msg: obj }), ...(msg ? { msg } : {}) }, (_k, v: unknown) => (v instanceof Error ? v.message : v))}\n`);
  const log = { info: line("info"), warn: line("warn"), error: line("error"), debug: () => undefined, trace: () => undefined, fatal: line("fatal") } as unknown as Logger;
  (log as unknown as { child: () => Logger }).child = () => log;
  return log;
}

/**
 * `ims-bot setup --repo owner/name`: what `/ims setup` does, for people who prefer a terminal. As the
 * app (APP_ID and PRIVATE_KEY, its installation on the owner) or with a token (GITHUB_TOKEN), which then
 * needs the same permissions: issues, contents and pull requests write.
 */
export async function setupCommand(o: { repo: string[]; apiUrl?: string }, io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  if (o.repo.length === 0) throw new UsageError("--repo owner/name is required (repeatable)");
  const refs = o.repo.map((full) => {
    const [owner, repo, extra] = full.split("/");
    if (!owner || !repo || extra !== undefined) throw new UsageError(`--repo ${full}: expected owner/name, e.g. acme/web`);
    return { owner, repo };
  });
  const apiUrl = (o.apiUrl ?? io.env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  let tokens;
  try {
    tokens = tokenSource(io.env, apiUrl, (owner) => refs.find((r) => r.owner.toLowerCase() === owner.toLowerCase()) ? `${owner}/${refs.find((r) => r.owner.toLowerCase() === owner.toLowerCase())!.repo}` : null, now);
  } catch (error) {
    if (error instanceof ExportError) throw new UsageError(error.message);
    throw error;
  }
  const log = cliLogger(io);
  let code = 0;
  for (const r of refs) {
    try {
      // throttled as Probot is (GitHub's content-creation limits space the label and file writes); off against a local simulator
      const throttle = io.env.IMS_THROTTLE === "off" ? { throttle: { enabled: false }, retry: { enabled: false } } : {};
      const octokit = new ProbotOctokit({ auth: { token: await tokens(r.owner) }, baseUrl: apiUrl, log, ...throttle }) as InstanceType<typeof ProbotOctokit>;
      const result = await onboardRepo(octokit, r, { requested: true, now: now() }, log);
      io.out(`${r.owner}/${r.repo}: ${setupReply(result)}\n`);
    } catch (error) {
      code = 1;
      io.err(`${r.owner}/${r.repo}: setup failed: ${(error as Error).message}\n`);
    }
  }
  return code;
}
