import type { Context, Probot } from "probot";
import { countCalls } from "../github/call-counter.js";
import { claimDelivery, settleDelivery } from "../github/deliveries.js";
import { withEtagCache } from "../github/etag-cache.js";
import { botLogin } from "../github/identity.js";
import { markDuplicate, observeWebhook } from "../ops/webhook-metrics.js";

/** Everything a handler gets besides the Probot context. */
export interface HandlerEnv {
  app: Probot;
  /** The clock; tests and the simulator pass their own. */
  now: () => Date;
  /** This app's bot login, when known. */
  self: string | null;
}

type AnyContext = Context;

/**
 * The one top-level catch of every webhook: drops redeliveries already handled, skips events the app
 * caused itself, makes config and label reads conditional, and logs failures with their context
 * (the error is rethrown so GitHub shows the delivery as failed and it can be redelivered).
 */
export function guard<C extends AnyContext>(app: Probot, now: () => Date, handler: (context: C, env: HandlerEnv) => Promise<void>) {
  return observeWebhook(async (context: C): Promise<void> => {
    const id = context.id;
    if (!claimDelivery(id)) {
      markDuplicate(context);
      context.log.info({ delivery: id, event: context.name }, "redelivered webhook already handled: nothing to do");
      return;
    }
    let ok = false;
    try {
      const self = await botLogin(app);
      const sender = (context.payload as { sender?: { login?: string } }).sender;
      if (self && sender?.login === self) {
        ok = true;
        return;
      }
      // counted under the cache: a "not found" the cache remembers never reaches GitHub
      countCalls(context.octokit);
      withEtagCache(context.octokit);
      await handler(context, { app, now, self });
      ok = true;
    } catch (error) {
      const payload = context.payload as { repository?: { full_name?: string }; action?: string };
      context.log.error(
        { err: error, delivery: id, event: context.name, action: payload.action, repo: payload.repository?.full_name },
        "handling the webhook failed; redeliver it from the app's advanced settings once the cause is fixed",
      );
      throw error;
    } finally {
      settleDelivery(id, ok);
    }
  });
}
