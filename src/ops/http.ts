import type { IncomingMessage, ServerResponse } from "node:http";
import { Redis } from "ioredis";
import { collectProcessMetrics, registry } from "./metrics.js";

/** One readiness check: its name and whether it passes now. */
export type ReadinessCheck = () => Promise<{ name: string; ok: boolean; error?: string }>;

/**
 * Redis is reachable (when REDIS_URL is set, the throttle and the store need it). One connection of
 * its own, opened at the first check, so that a replica that lost Redis reports it on /healthz.
 */
export function redisReachable(url: string): ReadinessCheck {
  let redis: Redis | undefined;
  return async () => {
    if (!redis) {
      redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
      redis.on("error", () => {}); // reported by the check, not as an unhandled error event
    }
    try {
      const pong = await redis.ping();
      return { name: "redis", ok: pong === "PONG" };
    } catch (err) {
      return { name: "redis", ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
}

/**
 * The operations endpoints, as a Probot HTTP handler (`addHandler`): `GET /metrics` in Prometheus's
 * text format, `GET /healthz` 200 when every readiness check passes, else 503 with the failing ones.
 * Returns false for every other path, so Probot's own handlers answer those.
 */
export function opsHandler(checks: ReadinessCheck[] = []) {
  collectProcessMetrics();
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (path === "/metrics") {
      const text = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType }).end(req.method === "HEAD" ? undefined : text);
      return true;
    }
    if (path === "/healthz") {
      const results = await Promise.all(checks.map((c) => c()));
      const ok = results.every((r) => r.ok);
      res.writeHead(ok ? 200 : 503, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" }).end(JSON.stringify({ status: ok ? "ok" : "unavailable", checks: results }));
      return true;
    }
    return false;
  };
}

/** The checks the environment calls for: Redis when REDIS_URL is set. */
export function readinessFromEnv(env: NodeJS.ProcessEnv = process.env): ReadinessCheck[] {
  const url = env.REDIS_URL?.trim();
  return url ? [redisReachable(url)] : [];
}
