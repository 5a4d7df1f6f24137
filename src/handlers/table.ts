import type { Context } from "probot";
import { guard, type AppEnv, type HandlerEnv } from "./guard.js";

/** A webhook event name, as Probot knows them (its own type, so no @octokit package is named here). */
type EmitterWebhookEventName = Context["name"];

/** What runs for one event. */
export type EventHandler<E extends EmitterWebhookEventName> = (context: Context<E>, env: HandlerEnv) => Promise<void>;

/** One handler per event name: the app's whole reaction to webhooks, as data. */
export type EventTable = { [E in EmitterWebhookEventName]?: EventHandler<E> };

/** Steps of one event's handler, run one after another (each sees the same context). */
export function inOrder<E extends EmitterWebhookEventName>(...steps: Array<EventHandler<E>>): EventHandler<E> {
  return async (context, env) => {
    for (const step of steps) await step(context, env);
  };
}

/**
 * Registers each handler of the table behind its guard. One registration per event: the guard claims
 * the delivery id, so a second `app.on` for the same event would never run.
 */
export function wireEvents(env: AppEnv, table: EventTable): void {
  for (const [event, handler] of Object.entries(table) as Array<[EmitterWebhookEventName, EventHandler<EmitterWebhookEventName>]>) {
    const guarded = guard(env, handler);
    const queue = env.queue;
    // in Redis mode the delivery is only queued here (acknowledged at once); a worker runs `guarded`
    if (queue) env.app.on(event, (context) => queue.enqueue({ id: context.id, name: context.name, payload: context.payload }));
    else env.app.on(event, guarded);
  }
}

/** The guarded handler of an event name, for the queue's workers. */
export function guardedHandlers(env: AppEnv, table: EventTable): (name: string) => ((context: Context) => Promise<void>) | undefined {
  const handlers = new Map<string, (context: Context) => Promise<void>>();
  for (const [event, handler] of Object.entries(table) as Array<[EmitterWebhookEventName, EventHandler<EmitterWebhookEventName>]>) {
    handlers.set(event, guard(env, handler) as (context: Context) => Promise<void>);
  }
  return (name) => handlers.get(name);
}
