import type { IncomingMessage, ServerResponse } from "node:http";
import escapeHtml from "escape-html";

/** Probot's default path for webhooks (`WEBHOOK_PATH` overrides it). */
export const DEFAULT_WEBHOOK_PATH = "/api/github/webhooks";
/** Where a person gets a webhook proxy channel for a machine GitHub cannot reach. */
export const SMEE_NEW = "https://smee.io/new";

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)(:\d+)?$/i;

/** The address a request reached this server by (behind a tunnel or proxy, the forwarded one). */
export function baseUrlOf(req: IncomingMessage): string {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(",")[0]?.trim();
  const proto = first(req.headers["x-forwarded-proto"]) ?? ((req.socket as { encrypted?: boolean }).encrypted ? "https" : "http");
  return `${proto}://${first(req.headers["x-forwarded-host"]) ?? req.headers.host ?? "localhost"}`;
}

/**
 * What the setup page says about webhooks: with a proxy channel, that GitHub sends them there; without
 * one, the exact webhook URL to set (this server's, when GitHub can reach it) and how to get a channel.
 * Pure; `env` is the process's.
 */
export function setupNotice(baseUrl: string, env: { WEBHOOK_PROXY_URL?: string | undefined; WEBHOOK_PATH?: string | undefined }): string {
  const path = env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH;
  const code = (s: string) => `<code>${escapeHtml(s)}</code>`;
  if (env.WEBHOOK_PROXY_URL) {
    return `<h2 class="alt-h3 mb-2">Webhooks</h2><p>The app you register here sends its webhooks to the proxy channel ${code(env.WEBHOOK_PROXY_URL)} (<code>WEBHOOK_PROXY_URL</code>), which this process forwards to ${code(`${baseUrl}${path}`)}.</p>`;
  }
  const host = baseUrl.replace(/^https?:\/\//, "");
  const reachable = !LOOPBACK.test(host);
  const here = `${baseUrl}${path}`;
  return [
    `<h2 class="alt-h3 mb-2">Webhooks: no proxy is set</h2>`,
    `<p><code>WEBHOOK_PROXY_URL</code> is not set, so GitHub must reach this server itself. Set the app's <strong>Webhook URL</strong> to `,
    reachable ? `${code(here)}` : `${code(`https://<your public host>${path}`)} (this page was opened as ${code(baseUrl)}, which GitHub cannot reach)`,
    ` and its <strong>Webhook secret</strong> to <code>WEBHOOK_SECRET</code>, in GitHub: Settings &rarr; Developer settings &rarr; GitHub Apps &rarr; your app &rarr; General &rarr; Webhook.</p>`,
    `<p>On a machine GitHub cannot reach (your laptop): open <a href="${SMEE_NEW}">${SMEE_NEW}</a>, copy the channel's URL, add <code>WEBHOOK_PROXY_URL=https://smee.io/&lt;channel&gt;</code> to <code>.env</code>, and restart <code>npm start</code> before registering: the app's webhook URL is then the channel, and this process forwards each delivery to ${code(here)}.</p>`,
  ].join("");
}

/** Probot's setup-mode HTTP handler (`setupAppFactory` in probot/lib/apps/setup.js). */
type SetupHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

/**
 * Wraps Probot's setup page (`GET /probot`): the notice goes in before its "Getting Started", and the
 * manifest's hook URL without a proxy gets the webhook path (Probot's is the bare `${baseUrl}/`, where
 * nothing listens). Everything else is Probot's own.
 */
export function withSetupNotice(handler: SetupHandler, env: NodeJS.ProcessEnv = process.env): SetupHandler {
  return (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method === "GET" && path === "/probot") {
      const baseUrl = baseUrlOf(req);
      const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        // only the setup page: it holds the form that posts the manifest
        if (typeof chunk !== "string" || !chunk.includes(`id="manifest"`)) return end(chunk, ...rest);
        let html = chunk.replace(`<div class="text-left mt-6">`, `<div class="text-left mt-6" id="ims-webhooks">${setupNotice(baseUrl, env)}</div>\n        <div class="text-left mt-6">`);
        if (!env.WEBHOOK_PROXY_URL) html = html.replace(`"url":"${baseUrl}/"`, `"url":"${baseUrl}${env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH}"`);
        return end(html, ...rest);
      }) as ServerResponse["end"];
    }
    return handler(req, res);
  };
}
