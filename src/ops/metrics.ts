import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The app's Prometheus metrics, one set per process (a scrape reads one replica; Prometheus adds
 * them up). Names follow Prometheus's conventions: `_total` counters, `_seconds` durations. Labels are
 * bounded: events, outcomes, route templates and status codes, never repositories or record numbers.
 */
export const registry = new Registry();

export const metrics = {
  webhooks: new Counter({
    name: "ims_webhooks_total",
    help: "Webhook deliveries handled, by event and outcome (handled, duplicate, failed)",
    labelNames: ["event", "outcome"] as const,
    registers: [registry],
  }),
  handlerSeconds: new Histogram({
    name: "ims_webhook_handler_seconds",
    help: "Time from a delivery's arrival at the handler to its answer, by event",
    labelNames: ["event"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  }),
  githubRequests: new Counter({
    name: "ims_github_requests_total",
    help: "Requests to GitHub's API, by method, route template and status (0: no answer)",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  }),
  rateLimitRemaining: new Gauge({
    name: "ims_github_rate_limit_remaining",
    help: "Requests left in the current rate-limit window, as GitHub's last answer said, by resource (core, search, graphql)",
    labelNames: ["resource"] as const,
    registers: [registry],
  }),
  sweepSeconds: new Histogram({
    name: "ims_sweep_duration_seconds",
    help: "Duration of one installation's sweep",
    buckets: [1, 5, 15, 30, 60, 120, 300, 600],
    registers: [registry],
  }),
  sweepInstallations: new Counter({
    name: "ims_sweep_installations_total",
    help: "Installations a sweep tick of this replica came to, by outcome (swept; held elsewhere: another replica holds its lease; swept recently: another replica swept it within this interval; lease lost; failed)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  }),
  sweepRecords: new Counter({
    name: "ims_sweep_records_evaluated_total",
    help: "Records the sweep evaluated",
    registers: [registry],
  }),
  sweepWrites: new Counter({
    name: "ims_sweep_writes_total",
    help: "Writes to GitHub made by the sweep",
    registers: [registry],
  }),
  alertRecordsDeferred: new Counter({
    name: "ims_alert_records_deferred_total",
    help: "Security-alert records not opened yet because the installation's content budget had no room (the sweep opens them later), by where (webhook, sweep)",
    labelNames: ["via"] as const,
    registers: [registry],
  }),
  contentWaitSeconds: new Histogram({
    name: "ims_content_wait_seconds",
    help: "How long a content-creating request waited for room in its installation's content ledger (GitHub's 80 a minute, 500 an hour) before it was sent, or the wait that refused it (outcome: sent, refused)",
    labelNames: ["outcome"] as const,
    buckets: [0, 1, 10, 60, 300, 900, 3600, 4 * 3600, 6 * 3600],
    registers: [registry],
  }),
  contentWaiting: new Gauge({
    name: "ims_content_waiting",
    help: "Content-creating requests waiting for room in their installation's content ledger now",
    registers: [registry],
  }),
  queueDepth: new Gauge({
    name: "ims_queue_depth",
    help: "Webhook events waiting to be processed",
    registers: [registry],
  }),
  lockWaitSeconds: new Histogram({
    name: "ims_lock_wait_seconds",
    help: "Time spent waiting for a lock of the store, by outcome (acquired, timeout)",
    labelNames: ["outcome"] as const,
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers: [registry],
  }),
};

let defaults = false;
/** Adds Node's process metrics (memory, event-loop lag, GC) once, when a server first serves /metrics. */
export function collectProcessMetrics(): void {
  if (defaults) return;
  defaults = true;
  collectDefaultMetrics({ register: registry, prefix: "ims_" });
}
