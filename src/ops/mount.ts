import type { ApplicationFunctionOptions, Probot } from "probot";
import { opsHandler, readinessFromEnv } from "./http.js";
import { countRequests } from "./octokit-metrics.js";

/**
 * Counts the requests of every Octokit `app.auth()` hands out (the app's own, the sweep's
 * installation clients); webhook contexts' clients are counted by the guard.
 */
function countAuthRequests(app: Probot): void {
  const auth = app.auth.bind(app);
  app.auth = (async (installationId?: number) => countRequests(await auth(installationId))) as Probot["auth"];
}

/**
 * Serves /metrics and /healthz on the app's HTTP server (`probot run`, or a middleware that offers
 * `addHandler`). Probot's `load` without a server gives an `addHandler` that throws: then there is no
 * HTTP server to serve them on, and the app runs without them.
 */
export function mountOps(app: Probot, options: ApplicationFunctionOptions | undefined): void {
  countAuthRequests(app);
  if (typeof options?.addHandler !== "function") return;
  try {
    options.addHandler(opsHandler(readinessFromEnv()));
  } catch (err) {
    app.log.debug({ err }, "no HTTP server: /metrics and /healthz are not served");
  }
}
