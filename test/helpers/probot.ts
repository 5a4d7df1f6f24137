import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeEach, expect } from "vitest";
import { createApp } from "../../src/index.js";
import type { Violation } from "./openapi.js";
import { checkRequest } from "./openapi.js";

const require = createRequire(import.meta.url);

/** A throwaway RSA key for the app's JWT (nock answers the token request). */
export const PRIVATE_KEY = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();

/** Payloads from @octokit/webhooks-examples (real shapes), read from disk. */
export function example(event: string, action?: string, index = 0): Record<string, unknown> {
  const all = JSON.parse(readFileSync(require.resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8")) as Array<{ name: string; examples: Array<Record<string, unknown>> }>;
  const list = all.find((e) => e.name === event)?.examples.filter((e) => action === undefined || e.action === action) ?? [];
  const found = list[index];
  if (!found) throw new Error(`no example for ${event}.${action}`);
  return { ...structuredClone(found), installation: { id: 2 } };
}

/** A Probot instance with the real app, no retries or throttling, every request checked against GitHub's OpenAPI. */
export function testProbot(now: () => Date): { probot: Probot; violations: Violation[] } {
  const violations: Violation[] = [];
  const Octokit = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })).plugin((octokit) => {
    octokit.hook.before("request", (options) => {
      const v = checkRequest(options as unknown as Record<string, unknown>);
      if (v) violations.push(v);
    });
  });
  const probot = new Probot({ appId: 1, privateKey: PRIVATE_KEY, Octokit, logLevel: "fatal" });
  probot.load(createApp({ now }));
  return { probot, violations };
}

/**
 * The frame of every nock test: no network, a fresh app per test with a fresh store (no caches of
 * config, labels, branch protection, no sweep memory), and at the end no unmet mock and no request
 * that GitHub's OpenAPI description would reject.
 */
export function nockProbot(now: () => Date): { probot: () => Probot; violations: () => Violation[] } {
  let current: { probot: Probot; violations: Violation[] };
  beforeEach(() => {
    nock.disableNetConnect();
    process.env.IMS_BOT_LOGIN = "ims-bot[bot]";
    delete process.env.APP_ID;
    current = testProbot(now);
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
    expect(current.violations).toEqual([]);
  });
  return { probot: () => current.probot, violations: () => current.violations };
}
