import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, expect } from "vitest";
import { startSimulator, type Simulator } from "../../src/simulator/index.js";

export const SECRET = "sim-test-secret";
export const T0 = "2025-03-03T09:00:00Z";

const noop = (): void => undefined;
export const silent = { debug: noop, info: noop, warn: noop, error: noop };

export interface Received {
  event: string;
  delivery: string;
  signature: string;
  body: string;
  payload: Record<string, unknown> & { action?: string };
}

/** A tiny webhook receiver standing in for the app. */
export async function startReceiver(status = 200): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({
        event: String(req.headers["x-github-event"]),
        delivery: String(req.headers["x-github-delivery"]),
        signature: String(req.headers["x-hub-signature-256"]),
        body,
        payload: JSON.parse(body) as Received["payload"],
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/github/webhooks`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A simulator with org `acme`, repo `acme/web` and an Octokit acting as the installation. */
export async function setup(): Promise<{ sim: Simulator; octokit: Octokit; receiver: Awaited<ReturnType<typeof startReceiver>> }> {
  const receiver = await startReceiver();
  const sim = await startSimulator({ webhookSecret: SECRET, webhookUrl: receiver.url, now: T0 });
  sim.createOrg("acme", { members: ["alice", "bob", "sec1"] });
  sim.createRepo({ owner: "acme", name: "web", files: { "README.md": "# web\n", ".github/ims.yml": "sla:\n  enabled: true\n" } });
  sim.setPermission("acme/web", "alice", "write");
  const octokit = new Octokit({ baseUrl: sim.url, auth: sim.installationToken(), log: silent, request: { retries: 0 } });
  return { sim, octokit, receiver };
}

/** An Octokit acting as a person (a user token): for what the app's installation may not do, such as dismissing a review. */
export function asUser(sim: Simulator, login: string): Octokit {
  return new Octokit({ baseUrl: sim.url, auth: sim.userToken(login), log: silent, request: { retries: 0 } });
}

/** A fresh simulator, client and webhook receiver for every test (`bind` receives them); after it, no unknown route was hit. */
export function useSimulator(bind: (s: Awaited<ReturnType<typeof setup>>) => void): void {
  let current: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    current = await setup();
    bind(current);
  });
  afterEach(async () => {
    await current.sim.stop();
    await current.receiver.close();
    expect(current.sim.unknownRoutes).toEqual([]);
  });
}
