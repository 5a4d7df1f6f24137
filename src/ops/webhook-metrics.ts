import { metrics } from "./metrics.js";
import { countRequests } from "./octokit-metrics.js";

interface EventContext {
  name: string;
  octokit: object;
}

/** Marks a context the guard dropped as a duplicate (on the object: no memory outlives the event). */
const DUPLICATE = Symbol("ims.duplicateDelivery");

/** Marks a delivery the guard dropped as already handled (counted as outcome "duplicate"). */
export function markDuplicate(context: object): void {
  (context as { [DUPLICATE]?: true })[DUPLICATE] = true;
}

/**
 * Wraps a webhook handler: counts the delivery by event and outcome, times it, and counts the
 * GitHub requests its Octokit makes. The outcome is "failed" when it throws (GitHub then shows the
 * delivery as failed), else "duplicate" or "handled".
 */
export function observeWebhook<C extends EventContext>(handler: (context: C) => Promise<void>): (context: C) => Promise<void> {
  return async (context: C) => {
    const stop = metrics.handlerSeconds.startTimer({ event: context.name });
    countRequests(context.octokit);
    let outcome = "failed";
    try {
      await handler(context);
      outcome = (context as { [DUPLICATE]?: true })[DUPLICATE] ? "duplicate" : "handled";
    } finally {
      stop();
      metrics.webhooks.inc({ event: context.name, outcome });
    }
  };
}
