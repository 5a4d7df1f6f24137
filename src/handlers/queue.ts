import { Queue, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { Context, type Probot } from "probot";
import { metrics } from "../ops/metrics.js";

/** A webhook as it waits in the queue: what Probot's Context is built from again. */
export interface QueuedEvent {
  id: string;
  name: string;
  payload: unknown;
}

/** Runs one queued event (the event's guarded handler). */
export type QueuedRunner = (context: Context) => Promise<void>;

export interface WebhookQueue {
  /** Adds an event; a delivery id already queued (or being handled) is not added twice. */
  enqueue(event: QueuedEvent): Promise<void>;
  close(): Promise<void>;
}

/** Marks a context handed over again after its first worker died (the guard may take its claim over). */
const RECLAIMED = Symbol("ims.reclaimedDelivery");

/** True when a worker died while handling this delivery and another took it over. */
export const isReclaimed = (context: object): boolean => (context as { [RECLAIMED]?: true })[RECLAIMED] === true;

const envNumber = (value: string | undefined, fallback: number) => (value && Number.isFinite(Number(value)) && Number(value) > 0 ? Number(value) : fallback);

/**
 * In Redis mode, webhook work goes on a durable BullMQ queue: the delivery is acknowledged to GitHub
 * as soon as it is queued, and the work survives a restart or a crash (a job whose worker died is
 * "stalled" and taken by a live replica after the lock expires). The job id is the delivery id, so a
 * redelivery to any replica while the first is queued adds nothing. Without Redis the app handles
 * webhooks in-process, as before.
 *
 * IMS_QUEUE_CONCURRENCY (default 10): events handled at once per process; the throttle (keyed per
 * installation) spaces their requests. IMS_QUEUE_LOCK_MS (default 30 s): how long a dead worker's
 * job waits before another replica takes it.
 */
export function startWebhookQueue(app: Probot, url: string, run: (name: string) => QueuedRunner | undefined, env: NodeJS.ProcessEnv = process.env): WebhookQueue {
  const prefix = `${env.IMS_REDIS_PREFIX || "ims:"}bull`;
  const connection = () => new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue<QueuedEvent>("webhooks", { connection: connection(), prefix });
  const lockDuration = envNumber(env.IMS_QUEUE_LOCK_MS, 30_000);
  const depth = async () => metrics.queueDepth.set(await queue.count());
  const worker = new Worker<QueuedEvent>(
    "webhooks",
    async (job: Job<QueuedEvent>) => {
      const runner = run(job.data.name);
      if (!runner) return;
      const octokit = await app.auth();
      const context = new Context({ id: job.data.id, name: job.data.name, payload: job.data.payload } as never, octokit, app.log.child({ name: "queue", delivery: job.data.id }));
      if (job.attemptsStarted > 1 || job.stalledCounter > 0) (context as { [RECLAIMED]?: true })[RECLAIMED] = true;
      await runner(context);
    },
    { connection: connection(), prefix, concurrency: envNumber(env.IMS_QUEUE_CONCURRENCY, 10), lockDuration, stalledInterval: lockDuration, maxStalledCount: 3 },
  );
  worker.on("completed", () => void depth().catch(() => undefined));
  worker.on("failed", (job, err) => {
    app.log.error({ err, delivery: job?.data.id, event: job?.data.name }, "a queued webhook failed; it is retried, then kept in the queue's failed set");
    void depth().catch(() => undefined);
  });
  worker.on("error", (err) => app.log.error({ err }, "the webhook queue's worker lost Redis; queued events wait until it is back"));
  return {
    async enqueue(event) {
      await queue.add(event.name, event, {
        jobId: event.id,
        attempts: 3,
        backoff: { type: "exponential", delay: 5_000 },
        // kept a day once done, so that a redelivery meanwhile is dropped here too (the guard's claim is the longer memory)
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      });
      await depth();
    },
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
