import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/processes.js";
import { setupNotice } from "../../src/ops/setup-notice.js";

const ROOT = new URL("../..", import.meta.url).pathname;

const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running.splice(0)) if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
});

/** `npm start`'s entry with no credentials and no proxy, as a person runs it first (from source: no build). */
async function startWithoutCredentials(env: Record<string, string> = {}): Promise<number> {
  const port = await freePort();
  // NO_SMEE_SETUP: Probot would otherwise try to fetch a smee channel from the internet (npx smee-client)
  const child = spawn("node", ["--import", "tsx", "src/start.ts", "./lib/index.js"], {
    cwd: ROOT,
    detached: true,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_PROXY: "127.0.0.1,localhost", NO_SMEE_SETUP: "true", LOG_FORMAT: "json", PORT: String(port), ...env },
  });
  running.push(child);
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const check = () => (/Listening on/.test(out) ? resolve() : child.exitCode !== null ? reject(new Error(`exited ${child.exitCode}:\n${out}`)) : setTimeout(check, 100));
    check();
  });
  return port;
}

describe("npm start without credentials and without a webhook proxy: the setup page says which webhook URL to set", () => {
  it("opened on this machine: names the public URL's form, the webhook path and how to get a smee channel; the manifest's hook URL has the webhook path", async () => {
    const port = await startWithoutCredentials();
    const html = await (await fetch(`http://127.0.0.1:${port}/probot`)).text();
    expect(html).toContain("Webhooks: no proxy is set");
    expect(html).toContain("<code>https://&lt;your public host&gt;/api/github/webhooks</code>");
    expect(html).toContain(`(this page was opened as <code>http://127.0.0.1:${port}</code>, which GitHub cannot reach)`);
    expect(html).toContain('<a href="https://smee.io/new">');
    expect(html).toContain("<code>WEBHOOK_PROXY_URL=https://smee.io/&lt;channel&gt;</code>");
    // Probot's own page is still there: the button that registers the app from app.yml
    const manifest = JSON.parse(/value='([^']*)'/.exec(html)?.[1] ?? "{}") as { hook_attributes?: { url?: string }; default_permissions?: Record<string, string> };
    expect(manifest.hook_attributes?.url).toBe(`http://127.0.0.1:${port}/api/github/webhooks`);
    expect(manifest.default_permissions).toMatchObject({ issues: "write", contents: "write" });

    // through a tunnel (x-forwarded-host), the exact URL to set is this server's public one
    const tunnelled = await (await fetch(`http://127.0.0.1:${port}/probot`, { headers: { "x-forwarded-host": "ims.example.org", "x-forwarded-proto": "https" } })).text();
    expect(tunnelled).toContain("Set the app's <strong>Webhook URL</strong> to <code>https://ims.example.org/api/github/webhooks</code>");
    // the rest of Probot's setup is untouched
    expect((await fetch(`http://127.0.0.1:${port}/probot/import`)).status).toBe(200);
  }, 90_000);
});

describe("the setup notice", () => {
  it("with a proxy channel says that webhooks go there and where they are forwarded; a custom WEBHOOK_PATH is used", () => {
    expect(setupNotice("http://localhost:3000", { WEBHOOK_PROXY_URL: "https://smee.io/abc", WEBHOOK_PATH: "/hooks" })).toContain("<code>https://smee.io/abc</code> (<code>WEBHOOK_PROXY_URL</code>), which this process forwards to <code>http://localhost:3000/hooks</code>");
    expect(setupNotice("https://ims.example.org", {})).toContain("<code>https://ims.example.org/api/github/webhooks</code>");
  });
});
