import type { IncomingHttpHeaders } from "node:http";
import type { Core } from "./core.js";
import { HttpError } from "./errors.js";

/** Who a request acts as, from its Authorization header. */
export type Identity =
  | { kind: "anonymous" }
  | { kind: "app" }
  | { kind: "installation"; token: string; installationId: number }
  | { kind: "user"; login: string; token: string };

/** What a route handler sees of a request. */
export interface Ctx {
  core: Core;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  identity: Identity;
  /** Login the request acts as (`ims-bot[bot]` for installation tokens). */
  actor: string;
  resHeaders: Record<string, string>;
}

export interface Reply {
  status?: number;
  body?: unknown;
  /** A non-JSON body (raw file content). */
  raw?: string;
  contentType?: string;
}

export type Handler = (ctx: Ctx) => Reply;

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });

export function num(ctx: Ctx, name: string): number {
  const value = Number(ctx.params[name]);
  if (!Number.isInteger(value)) throw new HttpError(404, "Not Found");
  return value;
}

export function param(ctx: Ctx, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new Error(`route has no {${name}}`);
  return value;
}

export function str(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === "string" ? value : undefined;
}

export function strings(body: Record<string, unknown>, key: string): string[] | undefined {
  const value = body[key];
  return Array.isArray(value) ? value.map((v) => (typeof v === "object" && v && "name" in v ? String(v.name) : String(v))) : undefined;
}

/** Slices `items` by `per_page`/`page` and sets GitHub's `Link` header (first, prev, next, last). */
export function paginate<T>(ctx: Ctx, items: T[], max = 100): T[] {
  const perPage = Math.min(Math.max(Number(ctx.query.get("per_page") ?? 30) || 30, 1), max);
  const page = Math.max(Number(ctx.query.get("page") ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (p: number, rel: string): string => {
    const q = new URLSearchParams(ctx.query);
    q.set("per_page", String(perPage));
    q.set("page", String(p));
    return `<${ctx.core.urls.api}${ctx.path}?${q.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  if (links.length) ctx.resHeaders.link = links.join(", ");
  return items.slice((page - 1) * perPage, page * perPage);
}

/**
 * Cursor pagination, as GitHub pages the Dependabot alert lists (`after`, `per_page`; no `page`): the
 * Link header's `next` carries an opaque `after` cursor, and there is no `last`.
 */
export function paginateByCursor<T>(ctx: Ctx, items: T[], max = 100): T[] {
  const perPage = Math.min(Math.max(Number(ctx.query.get("per_page") ?? 30) || 30, 1), max);
  const after = ctx.query.get("after");
  const start = after ? Number(Buffer.from(after, "base64url").toString("utf8").replace(/^i:/, "")) || 0 : 0;
  const end = start + perPage;
  if (end < items.length) {
    const q = new URLSearchParams(ctx.query);
    q.delete("page");
    q.set("per_page", String(perPage));
    q.set("after", Buffer.from(`i:${end}`, "utf8").toString("base64url"));
    ctx.resHeaders.link = `<${ctx.core.urls.api}${ctx.path}?${q.toString()}>; rel="next"`;
  }
  return items.slice(start, end);
}
