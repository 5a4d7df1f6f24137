import { createHmac, randomUUID } from "node:crypto";
import { checkWebhook } from "./oracle.js";

/** One webhook delivery, as the simulator's delivery log keeps it. */
export interface Delivery {
  id: string;
  event: string;
  action: string | undefined;
  /** The exact JSON body sent (a redelivery sends the same bytes). */
  body: string;
  /** HTTP status the app answered with; 0 when not delivered (no URL, network error). */
  status: number;
  ms: number;
  redelivery: boolean;
  /** Where it was sent, when not to the configured URL (`sendTo`: one replica behind a load balancer). */
  target?: string;
  error?: string;
  at: string;
}

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Delivers webhooks one at a time, in order, and tells when all were answered. */
export class WebhookQueue {
  readonly log: Delivery[] = [];
  url: string | undefined;
  timeoutMs = 30_000;
  /** While above zero, changes emit no webhooks at all (bulk seeding for benchmarks). */
  muted = 0;
  #queue: Delivery[] = [];
  #pumping = false;
  #idle: Array<() => void> = [];

  constructor(
    readonly secret: string,
    private readonly now: () => string,
  ) {}

  enqueue(event: string, payload: Record<string, unknown>): Delivery {
    const action = typeof payload.action === "string" ? payload.action : undefined;
    checkWebhook(event, payload);
    const delivery: Delivery = {
      id: randomUUID(),
      event,
      action,
      body: JSON.stringify(payload),
      status: 0,
      ms: 0,
      redelivery: false,
      at: this.now(),
    };
    this.log.push(delivery);
    this.#push(delivery);
    return delivery;
  }

  /** Resends a logged delivery with the same id and body, like GitHub's "Redeliver". */
  redeliver(id: string): Delivery {
    const original = this.log.find((d) => d.id === id);
    if (!original) throw new Error(`redeliver: no delivery ${id} in the log`);
    const delivery: Delivery = { ...original, status: 0, ms: 0, redelivery: true, at: this.now() };
    delete delivery.error;
    this.log.push(delivery);
    this.#push(delivery);
    return delivery;
  }

  /**
   * Sends a logged delivery (same id, same bytes, same signature) to `url` now, outside the queue, and
   * resolves with its answer: what a load balancer does when it hands one delivery to one replica.
   */
  async sendTo(id: string, url: string): Promise<Delivery> {
    const original = this.log.find((d) => d.id === id);
    if (!original) throw new Error(`sendTo: no delivery ${id} in the log`);
    const delivery: Delivery = { ...original, status: 0, ms: 0, redelivery: original.status !== 0, target: url, at: this.now() };
    delete delivery.error;
    this.log.push(delivery);
    await this.#send(delivery, url);
    return delivery;
  }

  /**
   * Resolves once the queue is empty and every delivery got its HTTP response. With `timeoutMs`,
   * rejects instead when the app keeps producing events (a webhook loop) or stops answering.
   */
  async settle(timeoutMs?: number): Promise<void> {
    await this.#queueIdle(timeoutMs);
    // an app that answered 202 ("still processing", after @octokit/webhooks' 9 s) is still at work:
    // wait for it too, and for the deliveries its work enqueued meanwhile
    while (this.appWork && (await this.appWork())) await this.#queueIdle(timeoutMs);
  }

  /**
   * Set by a test bed that runs the app in-process: resolves true after waiting for handlers still
   * running after their delivery was answered, false when none were.
   */
  appWork: (() => Promise<boolean>) | undefined;

  #queueIdle(timeoutMs?: number): Promise<void> {
    if (!this.#pumping && this.#queue.length === 0) return Promise.resolve();
    const idle = new Promise<void>((resolve) => this.#idle.push(resolve));
    if (timeoutMs === undefined) return idle;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const pending = this.#queue.map((d) => `${d.event}.${d.action ?? ""}`).join(", ");
        reject(new Error(`settle: webhooks still pending after ${timeoutMs} ms (${this.#queue.length} queued: ${pending}); look for a handler that reacts to its own changes`));
      }, timeoutMs);
    });
    return Promise.race([idle, timeout]).finally(() => clearTimeout(timer));
  }

  #push(delivery: Delivery): void {
    if (!this.url) {
      delivery.error = "no webhook URL configured";
      return;
    }
    this.#queue.push(delivery);
    if (!this.#pumping) void this.#pump();
  }

  async #pump(): Promise<void> {
    this.#pumping = true;
    for (let next = this.#queue.shift(); next; next = this.#queue.shift()) await this.#send(next);
    this.#pumping = false;
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  async #send(delivery: Delivery, url = this.url ?? ""): Promise<void> {
    const started = performance.now();
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/sim",
          "x-github-event": delivery.event,
          "x-github-delivery": delivery.id,
          "x-github-hook-id": "1",
          "x-github-hook-installation-target-type": "integration",
          "x-hub-signature-256": sign(this.secret, delivery.body),
        },
        body: delivery.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.arrayBuffer();
      delivery.status = res.status;
    } catch (err) {
      delivery.error = err instanceof Error ? err.message : String(err);
    }
    delivery.ms = Math.round((performance.now() - started) * 100) / 100;
  }
}
