import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Simulator } from "../../src/simulator/index.js";

/**
 * Real app processes against the simulator: `probot run ./lib/index.js`, the command `npm start` runs,
 * each on its own port, configured only by environment as in production (GHE_HOST/GHE_PROTOCOL point
 * Probot's Octokit at the simulator's Enterprise paths). Several of them against one simulator (and
 * one Redis) are the replicas of a cluster.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PROBOT_BIN = join(ROOT, "node_modules/probot/bin/probot.js");
const CLOCK = join(ROOT, "test/helpers/shifted-clock.mjs");
/** How long a process may take to start, or to stop after SIGTERM, before the harness gives up (a guard, not a measure). */
const START_LIMIT_MS = 60_000;

export interface AppProcess {
  readonly name: string;
  readonly port: number;
  /** http://127.0.0.1:port */
  readonly url: string;
  /** Where the simulator posts deliveries for this process. */
  readonly webhookUrl: string;
  /** Everything the process wrote (Probot's JSON log lines on stdout, anything on stderr). */
  readonly output: string[];
  readonly child: ChildProcess;
  /** Ends it with SIGTERM (a graceful stop), or SIGKILL (a crash). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Stops it and starts a new process with the same name, port and environment (a restart). */
  restart(): Promise<AppProcess>;
}

export interface AppProcessOptions {
  name?: string;
  /** Extra environment (REDIS_URL, IMS_SWEEP, ...); the sweep is off unless set. */
  env?: Record<string, string>;
  port?: number;
}

/** A free loopback port (the OS picks one; the process binds it moments later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * `probot run` loads the built app: build it when lib/ is missing or older than src/ (CI builds before
 * the tests; a developer may not have). One test file builds at a time; the others wait for it. The
 * build's own record (lib/.tsbuildinfo, which `tsc -b` rewrites even when a newer source file turned
 * out unchanged and lib/ is left as it was) says when lib/ was last brought up to date.
 */
export async function ensureBuilt(): Promise<void> {
  const record = join(ROOT, "lib/.tsbuildinfo");
  const fresh = () => existsSync(join(ROOT, "lib/index.js")) && existsSync(record) && statSync(record).mtimeMs >= newestMtime(join(ROOT, "src"));
  if (fresh()) return;
  const lock = join(ROOT, ".build-lock");
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
      if (fresh()) return;
    }
  }
  try {
    if (!fresh()) execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-b", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" });
  } finally {
    rmdirSync(lock);
  }
}

/** Per simulator: its clock's reading when a process of it last took an offset, and that offset. */
const clockOffsets = new WeakMap<Simulator, { simMs: number; offsetMs: number }>();

/**
 * How far the simulator's clock is ahead of the wall clock, for a process's shifted clock. The
 * simulator's clock stands still unless a test moves it, while a process's clock runs on from where
 * it started: a process started later than another of the same simulator takes the other's offset,
 * so the replicas of a cluster read one time, as NTP keeps real replicas within milliseconds. With an
 * offset of its own it would run behind the first by the time between their starts, and Bottleneck,
 * whose clustered reservations expire by the time its clients send (a dead replica's after 60 s),
 * would hold a killed replica's reservations for that much longer on the survivor's clock. A test
 * that moved the simulator's clock since gets a new offset from its new reading.
 */
function clockOffset(sim: Simulator): number {
  const simMs = sim.clock.now().getTime();
  const last = clockOffsets.get(sim);
  if (last && last.simMs === simMs) return last.offsetMs;
  const offsetMs = simMs - Date.now();
  clockOffsets.set(sim, { simMs, offsetMs });
  return offsetMs;
}

/** The environment a process gets from the simulator: app id, key, secret and the Enterprise host. */
function environment(sim: Simulator, port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  const simHost = new URL(sim.url).host;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    APP_ID: String(sim.appId),
    PRIVATE_KEY: sim.privateKey,
    WEBHOOK_SECRET: sim.core.hooks.secret,
    GHE_HOST: simHost,
    GHE_PROTOCOL: "http",
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "info",
    LOG_FORMAT: "json",
    IMS_SWEEP: "off",
    IMS_TEST_CLOCK_OFFSET_MS: String(clockOffset(sim)),
    ...extra,
  };
  return env;
}

async function waitUntilReady(proc: AppProcess): Promise<void> {
  const exited = new Promise<never>((_, reject) =>
    proc.child.once("exit", (code, signal) => reject(new Error(`${proc.name} exited (${code ?? signal}) before it was ready:\n${proc.output.join("")}`))),
  );
  const ready = (async () => {
    const limit = performance.now() + START_LIMIT_MS;
    while (performance.now() < limit) {
      try {
        const res = await fetch(`${proc.url}/ping`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${proc.name} did not answer /ping within ${START_LIMIT_MS} ms:\n${proc.output.join("")}`);
  })();
  await Promise.race([ready, exited]);
}

/** Starts one `probot run ./lib/index.js` process against `sim` and waits until it answers. */
export async function startAppProcess(sim: Simulator, options: AppProcessOptions = {}): Promise<AppProcess> {
  await ensureBuilt();
  const name = options.name ?? "app";
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ["--import", CLOCK, PROBOT_BIN, "run", "./lib/index.js"], {
    cwd: ROOT,
    env: environment(sim, port, options.env ?? {}),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout!.setEncoding("utf8").on("data", (d: string) => output.push(d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => output.push(d));
  const exit = new Promise<void>((r) => child.once("exit", () => r()));
  const url = `http://127.0.0.1:${port}`;
  const proc: AppProcess = {
    name,
    port,
    url,
    webhookUrl: `${url}/api/github/webhooks`,
    output,
    child,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exit;
    },
    async restart() {
      await proc.stop();
      return startAppProcess(sim, { ...options, name, port });
    },
  };
  running.add(proc);
  void exit.then(() => running.delete(proc));
  try {
    await waitUntilReady(proc);
  } catch (err) {
    await proc.stop("SIGKILL");
    throw err;
  }
  return proc;
}

const running = new Set<AppProcess>();
/** Ends every process the harness started in this test file (afterEach/afterAll). */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop("SIGKILL")));
}

/** The log lines of a process, parsed (Probot logs JSON with LOG_FORMAT=json). */
export function logLines(proc: AppProcess): Array<Record<string, unknown>> {
  return proc.output.join("").split("\n").flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

/** The events the app subscribes to (src/index.ts): each delivery of these ends in ims_webhooks_total. */
const HANDLED_EVENTS = new Set(["issues", "issue_comment", "push", "label", "repository_dispatch", "pull_request", "pull_request_review", "check_run", "membership", "check_suite", "merge_group", "installation", "installation_repositories"]);

/** Deliveries a process finished (any outcome), from its /metrics. */
export async function handledBy(proc: AppProcess): Promise<number> {
  const text = await (await fetch(`${proc.url}/metrics`)).text();
  return text.split("\n").filter((l) => l.startsWith("ims_webhooks_total{")).reduce((n, l) => n + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
}

/**
 * Waits until the processes have finished every delivery the simulator got an answer for. An answer
 * is not the end of the work: Probot's webhook middleware (@octokit/webhooks) answers 202 once a
 * handler has run for 9 s (throttled writes) and goes on with it, and a test reading GitHub after the
 * answer would read it half-written.
 */
export async function settleProcesses(sim: Simulator, procs: AppProcess[], options: { since?: number } = {}): Promise<void> {
  await sim.settle();
  // `since`: the index in sim.deliveries from which these processes (started then) got them all
  // counted again on every poll: the app's own writes send further deliveries (which it then skips),
  // and in Redis mode a delivery is answered once queued, so its handler may still be writing
  // (one delivery id is handled once across the cluster: sent to two replicas, it counts once)
  const expectedNow = () => new Set(sim.deliveries.slice(options.since ?? 0).filter((d) => d.status !== 0 && HANDLED_EVENTS.has(d.event)).map((d) => d.id)).size;
  const limit = performance.now() + 120_000;
  let expected = expectedNow();
  let settledOnce = false;
  for (;;) {
    const done = (await Promise.all(procs.filter((p) => p.child.exitCode === null && p.child.signalCode === null).map(handledBy))).reduce((a, b) => a + b, 0);
    await sim.settle();
    const now = expectedNow();
    const quiet = done >= now && now === expected;
    expected = now;
    // done twice in a row with no new delivery in between: nothing is left in flight
    if (quiet && settledOnce) return;
    settledOnce = quiet;
    if (performance.now() > limit) throw new Error(`settleProcesses: ${done} of ${expected} deliveries finished after 120 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
