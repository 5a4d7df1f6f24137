import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RequestRecord } from "./accounting.js";
import { identityKey, type Tokens } from "./auth.js";
import type { Core, Installation } from "./core.js";
import { errorBody, HttpError, MovedIssue } from "./errors.js";
import type { Faults } from "./faults.js";
import { checkRequest, checkResponse } from "./oracle.js";
import { requirePermission } from "./permissions.js";
import type { Ctx, Identity, Reply } from "./http.js";
import type { RateLimits } from "./ratelimit.js";
import { secondaryLimitMessage } from "./secondary-limits.js";
import { refuseArchivedWrite } from "./archived.js";
import type { Router } from "./router.js";

export interface ServerParts {
  core: Core;
  router: Router;
  tokens: Tokens;
  rates: RateLimits;
  faults: Faults;
  requestLog: RequestRecord[];
  unknownRoutes: string[];
}

function actorOf(core: Core, identity: Identity): string {
  if (identity.kind === "user") return identity.login;
  if (identity.kind === "installation") return core.app.botLogin;
  return identity.kind === "app" ? core.app.slug : "anonymous";
}

async function readBody(req: IncomingMessage): Promise<{ body: Record<string, unknown>; sent: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) return { body: {}, sent: undefined };
  try {
    const parsed: unknown = JSON.parse(text);
    return { body: typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {}, sent: parsed };
  } catch {
    throw new HttpError(400, "Problems parsing JSON");
  }
}

/**
 * An installation reaches only its account's repositories (with "selected", only those chosen): another
 * private repository does not exist for its token (404), another public one is readable but not
 * writable (403), as on GitHub.
 */
function requireInstalled(core: Core, inst: Installation, method: string, params: Record<string, string>): void {
  if (!params.owner || !params.repo) return;
  const repo = core.store.repos.get(`${params.owner}/${params.repo}`.toLowerCase());
  if (!repo || core.reaches(inst, repo)) return;
  if (repo.private) throw new HttpError(404, "Not Found");
  if (method !== "GET") throw new HttpError(403, "Resource not accessible by integration");
}

/** Whether the issue or comment a route addresses belongs to a pull request (the Pull requests permission then opens it). */
function addressesPull(core: Core, params: Record<string, string>): boolean {
  const repo = core.store.repos.get(`${params.owner}/${params.repo}`.toLowerCase());
  if (!repo) return false;
  const comment = params.comment_id ? core.store.comments.get(Number(params.comment_id)) : undefined;
  const number = comment?.repo === repo.fullName ? comment.issue : Number(params.issue_number);
  return !!repo.issues.get(number)?.pull;
}

const stripWeak = (tag: string): string => tag.trim().replace(/^W\//, "");

/**
 * GitHub Enterprise Server serves REST under `/api/v3` and GraphQL at `/api/graphql` (github.com at
 * the root and `/graphql`); the simulator answers both, so a real `probot run` with GHE_HOST can use it.
 * Returns the github.com path, and whether the request came the Enterprise way.
 */
export function apiPath(pathname: string): { path: string; enterprise: boolean } {
  if (pathname === "/api/graphql") return { path: "/graphql", enterprise: true };
  if (pathname.startsWith("/api/v3/")) return { path: pathname.slice("/api/v3".length), enterprise: true };
  return { path: pathname, enterprise: false };
}
/** The version an Enterprise-style answer names in X-GitHub-Enterprise-Version, as GHES does. */
const ENTERPRISE_VERSION = "enterprise-server@3.17.0";

/** Serves the router over node:http on 127.0.0.1 with GitHub's headers, errors, ETags, limits and logging. */
export function startServer(parts: ServerParts): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => void handle(parts, req, res));
  server.keepAliveTimeout = 1000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}

async function handle(parts: ServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { core } = parts;
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", "http://sim");
  const api = apiPath(url.pathname);
  url.pathname = api.path;
  // in flight from the first byte to the answer: GitHub's concurrency limit counts requests, not handlers
  const flightKey = parts.tokens.keyOf(req.headers.authorization);
  const inFlight = parts.rates.secondary.arrive(flightKey);
  res.once("close", () => parts.rates.secondary.leave(flightKey));
  const headers: Record<string, string> = {
    "x-github-request-id": randomUUID().toUpperCase(),
    "x-github-media-type": "github.v3; format=json",
    "x-github-api-version-selected": "2022-11-28",
    ...(api.enterprise ? { "x-github-enterprise-version": ENTERPRISE_VERSION } : {}),
  };
  const match = parts.router.match(method, url.pathname);
  const record: RequestRecord = {
    method,
    route: match?.template ?? `UNKNOWN ${method} ${url.pathname}`,
    path: url.pathname + url.search,
    status: 0,
    conditional: false,
    actor: "anonymous",
    at: core.now(),
  };
  let reply: Reply;
  try {
    const { body, sent } = await readBody(req);
    checkRequest({ method, path: url.pathname, query: [...url.searchParams], body: sent });
    if (!match) {
      parts.unknownRoutes.push(`${method} ${url.pathname}`);
      throw new HttpError(404, "Not Found");
    }
    const identity = parts.tokens.resolve(req.headers.authorization);
    record.actor = actorOf(core, identity);
    const appRoute = url.pathname.startsWith("/app");
    if (appRoute && identity.kind !== "app" && !url.pathname.startsWith("/app/installations/") && method !== "GET") {
      throw new HttpError(401, "A JSON web token could not be decoded");
    }
    if (method !== "GET" && identity.kind === "anonymous") throw new HttpError(401, "Requires authentication");
    const before = parts.faults.takeBefore(match.template);
    if (before) await before();
    const fault = parts.faults.take(match.template);
    if (fault) throw new HttpError(fault.status, fault.message, undefined, fault.headers);
    if (identity.kind === "installation") {
      const inst = core.installationById(identity.installationId);
      // an uninstalled installation's tokens are revoked
      if (!inst) throw new HttpError(401, "Bad credentials");
      requireInstalled(core, inst, method, match.params);
      requirePermission(match.template, inst.granted, () => addressesPull(core, match.params));
    }
    refuseArchivedWrite(core, method, match.template, match.params);
    const resource = match.template.startsWith("GET /search/") ? "search" : "core";
    const rateKey = identityKey(identity);
    const peek = parts.rates.take(rateKey, resource, false);
    if (peek.exceeded) {
      Object.assign(headers, peek.headers);
      throw new HttpError(403, `API rate limit exceeded for ${identity.kind === "installation" ? `installation ID ${identity.installationId}` : identity.kind === "user" ? `user ID ${core.store.ensureUser(identity.login).id}` : rateKey}.`);
    }
    const refused = parts.rates.secondary.check(inFlight, rateKey, method, match.template);
    if (refused) {
      Object.assign(headers, peek.headers);
      if (refused.retryAfter !== null) headers["retry-after"] = String(refused.retryAfter);
      throw new HttpError(403, secondaryLimitMessage(headers["x-github-request-id"]!));
    }
    const ctx: Ctx = {
      core,
      method,
      path: url.pathname,
      params: match.params,
      query: url.searchParams,
      body,
      headers: req.headers,
      identity,
      actor: record.actor,
      resHeaders: {},
    };
    reply = match.handler(ctx);
    Object.assign(headers, ctx.resHeaders);
    // GHES's pagination links point under /api/v3 as well, and clients follow them as given
    if (api.enterprise && headers.link) headers.link = headers.link.split(`<${core.urls.api}/`).join(`<${core.urls.api}/api/v3/`);
    const text = reply.raw ?? (reply.body === undefined ? "" : JSON.stringify(reply.body));
    if (method === "GET" && (reply.status ?? 200) === 200) {
      const etag = `W/"${createHash("sha1").update(text).digest("hex")}"`;
      headers.etag = etag;
      const inm = req.headers["if-none-match"];
      if (inm && inm.split(",").some((t) => stripWeak(t) === stripWeak(etag))) {
        // GitHub does not charge conditional 304s against the rate limit.
        Object.assign(headers, parts.rates.take(rateKey, resource, false).headers);
        record.conditional = true;
        return send(parts, res, record, 304, headers, "");
      }
    }
    Object.assign(headers, parts.rates.take(rateKey, resource, true).headers);
    headers["content-type"] = reply.contentType ?? "application/json; charset=utf-8";
    if (reply.raw === undefined) checkResponse({ method, path: url.pathname, status: reply.status ?? 200, body: reply.body });
    return send(parts, res, record, reply.status ?? 200, headers, text);
  } catch (err) {
    const httpErr = err instanceof HttpError ? err : new HttpError(500, `Simulator error: ${err instanceof Error ? err.stack : String(err)}`);
    if (!(err instanceof HttpError)) console.error("[simulator]", err);
    Object.assign(headers, httpErr.headers, { "content-type": "application/json; charset=utf-8" });
    const body = errorBody(httpErr);
    if (httpErr instanceof MovedIssue) {
      // the same path under the issue's new place (GitHub's Location names /repositories/{id}/..., which
      // the simulator does not route; fetch follows either the same way)
      const from = `/repos/${httpErr.from.repo}/issues/${httpErr.from.number}`;
      const to = `/repos/${httpErr.to.repo}/issues/${httpErr.to.number}`;
      const rest = url.pathname.toLowerCase().startsWith(from.toLowerCase()) ? url.pathname.slice(from.length) : "";
      headers.location = `${core.urls.api}${api.enterprise ? "/api/v3" : ""}${to}${rest}${url.search}`;
      body.url = headers.location;
    }
    return send(parts, res, record, httpErr.status, headers, JSON.stringify(body));
  }
}

function send(parts: ServerParts, res: ServerResponse, record: RequestRecord, status: number, headers: Record<string, string>, text: string): void {
  record.status = status;
  parts.requestLog.push(record);
  res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(text)) });
  res.end(status === 204 || status === 304 ? undefined : text);
}
