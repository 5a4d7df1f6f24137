import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { sign } from "../../src/simulator/webhooks.js";
import { freePort } from "../helpers/processes.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const SECRET = "local-setup-secret";

/** A stand-in for smee.io: one channel, an EventSource stream; `send` pushes a delivery as smee does. */
async function smeeStandIn(): Promise<{ url: string; connected: Promise<void>; send: (event: string, body: unknown, signature: string) => void; close: () => Promise<void> }> {
  const clients: ServerResponse[] = [];
  let onConnect: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (onConnect = resolve));
  const server: Server = createServer((req, res) => {
    if (req.method !== "GET" || req.url !== "/channel") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    res.write(": connected\n\n");
    clients.push(res);
    onConnect();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/channel`;
  return {
    url,
    connected,
    // smee.io sends the original request's headers as keys beside `body` (and `query`, `timestamp`)
    send: (event, body, signature) => {
      const data = { "x-github-event": event, "x-github-delivery": randomUUID(), "x-hub-signature-256": signature, body, query: {}, timestamp: 1 };
      for (const c of clients) c.write(`data: ${JSON.stringify(data)}\n\n`);
    },
    close: () => {
      for (const c of clients) c.end();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const running: ChildProcess[] = [];
afterEach(() => {
  // each started in its own process group (npm -> sh -> node): end that group, by its id
  for (const child of running.splice(0)) if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
});

/** Starts a command in the repository as a person would, collecting its output. */
function start(command: string, args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string; waitFor: (re: RegExp, ms: number) => Promise<string> } {
  const child = spawn(command, args, {
    cwd: ROOT,
    detached: true,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_PROXY: "127.0.0.1,localhost", LOG_FORMAT: "json", LOG_LEVEL: "info", IMS_SWEEP: "off", ...env },
  });
  running.push(child);
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const waitFor = (re: RegExp, ms: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re} in:\n${out}`)), ms);
      const check = () => {
        const m = re.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        } else if (child.exitCode !== null) {
          clearTimeout(timer);
          reject(new Error(`exited ${child.exitCode} before ${re}:\n${out}`));
        } else setTimeout(check, 100);
      };
      check();
    });
  return { child, output: () => out, waitFor };
}

describe("npm start on a machine GitHub cannot reach: webhooks through a proxy channel (WEBHOOK_PROXY_URL)", () => {
  it("receives a signed webhook through the proxy client, and refuses a wrongly signed one", async () => {
    const smee = await smeeStandIn();
    const port = await freePort();
    const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    const app = start("npm", ["start"], { APP_ID: "1", PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, WEBHOOK_PROXY_URL: smee.url, PORT: String(port) });
    try {
      await smee.connected;
      await app.waitFor(new RegExp(`Forwarding ${smee.url} to http://[^/]+:${port}/api/github/webhooks`), 90_000);
      const body = { zen: "Keep it logically awesome.", hook_id: 1 };
      smee.send("ping", body, sign(SECRET, JSON.stringify(body)));
      await app.waitFor(new RegExp(`POST http://[^/]+:${port}/api/github/webhooks - 200`), 30_000);
      smee.send("ping", body, sign("not-the-secret", JSON.stringify(body)));
      await app.waitFor(new RegExp(`POST http://[^/]+:${port}/api/github/webhooks - 400`), 30_000);
    } finally {
      await smee.close();
    }
  }, 240_000);

  it("with no credentials, registers an app whose webhook URL is the proxy channel (the manifest on the setup page)", async () => {
    const smee = await smeeStandIn();
    const port = await freePort();
    try {
      // the first test built lib/ (npm start = build, then probot run ./lib/index.js); this runs what it runs
      const setup = start("node", ["node_modules/probot/bin/probot.js", "run", "./lib/index.js"], { WEBHOOK_PROXY_URL: smee.url, PORT: String(port) });
      await setup.waitFor(/Listening on/, 60_000);
      const html = await (await fetch(`http://127.0.0.1:${port}/probot`)).text();
      const manifest = JSON.parse(/value='([^']*)'/.exec(html)?.[1] ?? "{}") as { hook_attributes?: { url?: string }; default_permissions?: Record<string, string> };
      expect(manifest.hook_attributes?.url).toBe(smee.url);
      expect(manifest.default_permissions).toMatchObject({ issues: "write", checks: "write" });
    } finally {
      await smee.close();
    }
  }, 120_000);
});
