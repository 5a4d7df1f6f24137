import type { Context, Probot } from "probot";
import { isArchivedRefusal } from "../github/archived.js";
import { countCalls } from "../github/call-counter.js";
import { rememberOwnWrites } from "../github/own-writes.js";
import { claimDelivery, reclaimDelivery, settleDelivery } from "../github/deliveries.js";
import { isReclaimed, type WebhookQueue } from "./queue.js";
import { withEtagCache } from "../github/etag-cache.js";
import { installationOctokit } from "../github/installation-client.js";
import { markDuplicate, observeWebhook } from "../ops/webhook-metrics.js";
import { countRequests } from "../ops/octokit-metrics.js";
import type { BotIdentity } from "../github/identity.js";
import { bindStore } from "../github/store-of.js";
import { markDashboardStale } from "../dashboard/memo.js";
import type { Store } from "../store/index.js";

/** What every handler of one app instance shares (built once in createApp). */
export interface AppEnv {
  app: Probot;
  /** The clock; tests and the simulator pass their own. */
  now: () => Date;
  /** What this app remembers between events (caches, delivery claims, locks). */
  store: Store;
  /** This app's bot login, learnt once per instance. */
  identity: BotIdentity;
  /** In Redis mode, the durable queue webhooks wait on (handlers/queue.ts); none: handled in-process. */
  queue?: WebhookQueue;
}

/** Everything a handler gets besides the Probot context. */
export interface HandlerEnv {
  app: Probot;
  /** The clock; tests and the simulator pass their own. */
  now: () => Date;
  /** This app's bot login, when known. */
  self: string | null;
  /** What this app remembers between events; also bound to the event's Octokit for the GitHub layer. */
  store: Store;
}

type AnyContext = Context;

/**
 * What every log line of one event names: its delivery and event, and the repository and record
 * (issue or pull request number) it is about when it has them.
 */
export function eventBindings(context: AnyContext): { delivery: string; event: string; repo?: string; record?: number } {
  const payload = context.payload as { repository?: { full_name?: string }; issue?: { number?: number }; pull_request?: { number?: number } };
  const record = payload.issue?.number ?? payload.pull_request?.number;
  return {
    delivery: context.id,
    event: context.name,
    ...(payload.repository?.full_name ? { repo: payload.repository.full_name } : {}),
    ...(record !== undefined ? { record } : {}),
  };
}

/**
 * The one top-level catch of every webhook: drops redeliveries already handled, skips events the app
 * caused itself, makes config and label reads conditional, and logs failures with their context
 * (the error is rethrown so GitHub shows the delivery as failed and it can be redelivered).
 */
export function guard<C extends AnyContext>(env: AppEnv, handler: (context: C, env: HandlerEnv) => Promise<void>) {
  const { app, now, store } = env;
  return observeWebhook(async (context: C): Promise<void> => {
    const id = context.id;
    // bound once: every line a handler logs for this event names its delivery, repository and record
    context.log = context.log.child(eventBindings(context));
    // a delivery whose worker died mid-way (a stalled queue job) is taken over, unless it was finished
    const claimed = isReclaimed(context) ? await reclaimDelivery(store, id) : await claimDelivery(store, id);
    if (!claimed) {
      markDuplicate(context);
      context.log.info("redelivered webhook already handled: nothing to do");
      return;
    }
    let ok = false;
    try {
      const self = await env.identity();
      const sender = (context.payload as { sender?: { login?: string } }).sender;
      if (self && sender?.login === self) {
        ok = true;
        return;
      }
      // a throttle budget per installation, and secondary limits retried (github/installation-client.ts)
      const installation = (context.payload as { installation?: { id?: number } }).installation?.id;
      if (installation) context.octokit = countRequests(await installationOctokit(app, installation, { store, now })); // on /metrics as the event's was
      // counted under the cache: a "not found" the cache remembers never reaches GitHub
      countCalls(context.octokit);
      withEtagCache(bindStore(context.octokit, store));
      rememberOwnWrites(context.octokit);
      await handler(context, { app, now, self, store });
      // after the handler's writes: the next sweep tick renders the repository's dashboard again (no API
      // call here); a dispatched sweep changes nothing on GitHub by itself (its own writes say so)
      const repo = (context.payload as { repository?: { full_name?: string } }).repository?.full_name;
      if (repo && context.name !== "repository_dispatch") await markDashboardStale(store, repo);
      ok = true;
    } catch (error) {
      const payload = context.payload as { repository?: { full_name?: string }; action?: string };
      if (isArchivedRefusal(error)) {
        // archived after the event was sent: read-only for good, so a redelivery could do no better
        context.log.info({ action: payload.action }, "the repository is archived (read-only): nothing written, the event is skipped");
        ok = true;
        return;
      }
      context.log.error(
        { err: error, action: payload.action },
        "handling the webhook failed; redeliver it from the app's advanced settings once the cause is fixed",
      );
      throw error;
    } finally {
      await settleDelivery(store, id, ok);
    }
  });
}
