import type { Probot } from "probot";
import type { Store } from "../store/index.js";
import { paceContent } from "./content-pacing.js";
import type { Octokit } from "./types.js";

/** How often one request is retried after a secondary-limit 403/429 before its event fails (and can be redelivered). */
export const SECONDARY_LIMIT_RETRIES = 3;

interface ThrottleOptions {
  enabled?: boolean;
  id?: string;
  onSecondaryRateLimit?: (retryAfter: number, options: { method: string; url: string }, octokit: Octokit, retryCount: number) => boolean;
  [key: string]: unknown;
}

interface FactoryArgs {
  octokit: Octokit;
  octokitOptions: { throttle?: ThrottleOptions; auth?: Record<string, unknown>; log?: Octokit["log"]; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * The Octokit of one installation for a webhook event. Probot's event Octokit keeps the throttle key
 * `no-id`, so every installation of a process (and, with REDIS_URL, of the cluster) queues behind one
 * Bottleneck: one installation's burst stalls all the others' events. This one is keyed by the
 * installation id (as Probot's `app.auth(id)` is), and it retries a secondary-limit 403/429 after
 * GitHub's Retry-After, where Probot's default only logs it. No request: the installation token is
 * taken from (and kept in) the app's token cache on the first call, as for the event Octokit.
 * Every content-creating request it sends is booked in the installation's content ledger in `store`
 * and waits for room there (src/github/content-pacing.ts); with the throttle off (tests) it is only
 * booked. The webhook guard, the sweep and the onboarding drain all make their clients here.
 */
export async function installationOctokit(app: Probot, installationId: number, env: { store: Store; now: () => Date }): Promise<Octokit> {
  const appOctokit = await app.auth();
  return (await appOctokit.auth({
    type: "installation",
    installationId,
    factory: ({ octokit, octokitOptions, ...otherOptions }: FactoryArgs) => {
      const throttle = octokitOptions.throttle;
      const Client = octokit.constructor as new (options: Record<string, unknown>) => Octokit;
      const client = new Client({
        ...octokitOptions,
        throttle: throttle?.enabled === false ? throttle : { ...throttle, id: String(installationId), onSecondaryRateLimit: retrySecondaryLimit },
        auth: { ...octokitOptions.auth, otherOptions, installationId },
      });
      return paceContent(client, { store: env.store, installation: installationId, now: env.now, wait: throttle?.enabled !== false });
    },
  })) as Octokit;
}

/** GitHub's docs: do not retry before Retry-After; the throttle plugin waits that long when this says yes. */
function retrySecondaryLimit(retryAfter: number, options: { method: string; url: string }, octokit: Octokit, retryCount: number): boolean {
  const retry = retryCount < SECONDARY_LIMIT_RETRIES;
  const what = `${options.method} ${options.url}`;
  octokit.log.warn(retry ? `secondary rate limit on ${what} (retry ${retryCount + 1}): retrying in ${retryAfter} s` : `secondary rate limit on ${what}: giving up after ${retryCount} retries`);
  return retry;
}
