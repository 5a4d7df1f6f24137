import { createPrivateKey, sign } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { ExportError, httpFailure } from "./errors.js";

/** Gives the token for a repository owner: GITHUB_TOKEN for all, or an installation token per owner. */
export type TokenSource = (owner: string | null) => Promise<string>;

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/** A GitHub App JWT (RS256, 9 minutes, issued a minute early for clock drift). */
export function appJwt(appId: string, privateKeyPem: string, now: Date): string {
  const iat = Math.floor(now.getTime() / 1000) - 60;
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
  const payload = b64url(JSON.stringify({ iat, exp: iat + 600, iss: /^\d+$/.test(appId) ? Number(appId) : appId }));
  const key = createPrivateKey(privateKeyPem);
  return `${header}.${payload}.${b64url(sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), key))}`;
}

async function appCall(apiUrl: string, jwt: string, method: string, path: string, doing: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(apiUrl + path, { method, headers: { authorization: `Bearer ${jwt}`, accept: "application/vnd.github+json", "user-agent": "ims-bot-exporter" } });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok && res.status !== 404) throw httpFailure(res.status, doing, String(body.message ?? ""), null);
  return { status: res.status, body };
}

/**
 * The token source from the environment: GITHUB_TOKEN (or GH_TOKEN), else APP_ID with PRIVATE_KEY or
 * PRIVATE_KEY_PATH, finding the app's installation for each owner and minting an installation token.
 */
export function tokenSource(env: NodeJS.ProcessEnv, apiUrl: string, firstRepo: (owner: string) => string | null, now: () => Date = () => new Date()): TokenSource {
  const token = env.GITHUB_TOKEN?.trim() || env.GH_TOKEN?.trim();
  if (token) return async () => token;
  const appId = env.APP_ID?.trim();
  let pem = env.PRIVATE_KEY?.replace(/\\n/g, "\n");
  if (!pem && env.PRIVATE_KEY_PATH) {
    if (!existsSync(env.PRIVATE_KEY_PATH)) throw new ExportError(`PRIVATE_KEY_PATH ${env.PRIVATE_KEY_PATH} does not exist; point it at the GitHub App's private key (.pem)`);
    pem = readFileSync(env.PRIVATE_KEY_PATH, "utf8");
  }
  if (!appId || !pem) {
    throw new ExportError("no credentials: set GITHUB_TOKEN (a token that can read the repositories), or APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) of the GitHub App");
  }
  try {
    createPrivateKey(pem);
  } catch (e) {
    throw new ExportError(`PRIVATE_KEY is not a readable PEM private key (${(e as Error).message}); use the .pem GitHub gave for the app`);
  }
  const tokens = new Map<string, { token: string; expires: number }>();
  return async (owner) => {
    const key = (owner ?? "").toLowerCase();
    const cached = tokens.get(key);
    if (cached && cached.expires - now().getTime() > 60_000) return cached.token;
    const jwt = appJwt(appId, pem!, now());
    if (owner === null) return jwt;
    const repo = firstRepo(owner);
    const doing = `finding the app's installation for ${owner}`;
    let found = repo ? await appCall(apiUrl, jwt, "GET", `/repos/${repo}/installation`, doing) : { status: 404, body: {} };
    if (found.status === 404) found = await appCall(apiUrl, jwt, "GET", `/orgs/${owner}/installation`, doing);
    if (found.status === 404) found = await appCall(apiUrl, jwt, "GET", `/users/${owner}/installation`, doing);
    if (found.status === 404) throw new ExportError(`the GitHub App (APP_ID ${appId}) is not installed for ${owner}; install it there, or use GITHUB_TOKEN`, 404);
    const minted = await appCall(apiUrl, jwt, "POST", `/app/installations/${String(found.body.id)}/access_tokens`, `minting an installation token for ${owner}`);
    const t = String(minted.body.token ?? "");
    if (!t) throw new ExportError(`GitHub gave no installation token for ${owner}; check the app's installation`);
    // Installation tokens live an hour; renew after 50 minutes by our clock (the server's may differ).
    tokens.set(key, { token: t, expires: now().getTime() + 50 * 60_000 });
    return t;
  };
}
