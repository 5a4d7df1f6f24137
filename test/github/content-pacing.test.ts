import { afterEach, describe, expect, it } from "vitest";
import { ProbotOctokit } from "probot";
import { ContentLimitError, contentKey, paceContent } from "../../src/github/content-pacing.js";
import type { Octokit } from "../../src/github/types.js";
import { ContentLedger } from "../../src/store/content-ledger.js";
import { MemoryStore } from "../../src/store/memory.js";
import { VirtualTime } from "../../src/simulator/virtual-time.js";

const T0 = Date.parse("2026-03-02T09:00:00Z");

/** An installation's Octokit whose requests reach a fake GitHub that records what it received, and when. */
function client(now: () => number, options: { wait?: boolean; maxWaitMs?: number; spaced?: boolean } = {}) {
  const store = new MemoryStore(now);
  const received: Array<{ method: string; at: number }> = [];
  const fetch = async (url: string, init: { method?: string }) => {
    received.push({ method: init.method ?? "GET", at: now() });
    return new Response(JSON.stringify({ url }), { status: 200, headers: { "content-type": "application/json" } });
  };
  const Client = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
  const octokit = new Client({ request: { fetch } }) as unknown as Octokit;
  paceContent(octokit, { store, installation: 7, now: () => new Date(now()), wait: options.wait ?? true, ...(options.spaced ? {} : { ledger: { spacingMs: 0, notifySpacingMs: 0 } }), ...(options.maxWaitMs !== undefined ? { maxWaitMs: options.maxWaitMs } : {}) });
  return { octokit, store, received, ledger: new ContentLedger(store) };
}

const label = (octokit: Octokit, n: number) => octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { owner: "acme", repo: "web", issue_number: n, labels: ["impact:low"] });

let vt: VirtualTime | undefined;
afterEach(() => {
  vt?.uninstall();
  vt = undefined;
});

describe("the installation client paces its content-creating requests by the installation's ledger", () => {
  it("sends the 81st write of a minute when the minute has room again, not into GitHub's 403; reads are never held", async () => {
    vt = VirtualTime.install(T0);
    const { octokit, received, ledger } = client(() => Date.now());
    for (let i = 0; i < 80; i++) await label(octokit, i + 1);
    expect(received).toHaveLength(80);
    let sent = false;
    const late = label(octokit, 81).then(() => (sent = true));
    // a read goes out at once while the write waits
    await octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "web" });
    expect(received.at(-1)).toMatchObject({ method: "GET" });
    expect(sent).toBe(false);
    expect((await ledger.used(contentKey(7), Date.now())).ahead).toBe(1);
    expect(await vt.runUntil(() => sent, 5 * 60_000)).toBe(true);
    await late;
    const writes = received.filter((r) => r.method === "POST");
    expect(writes).toHaveLength(81);
    // GitHub counts the last minute: the 81st arrived once the first had left it
    expect(writes[80]!.at - writes[0]!.at).toBeGreaterThan(60_000);
  });

  it("spaces writes a second apart and comments three, as GitHub asks and the throttle plugin does (so its queue adds no delay)", async () => {
    vt = VirtualTime.install(T0);
    const { octokit, received } = client(() => Date.now(), { spaced: true });
    const comment = (n: number) => octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: "acme", repo: "web", issue_number: n, body: "card" });
    let done = false;
    void Promise.all([label(octokit, 1), comment(1), label(octokit, 2), comment(2)]).then(() => (done = true));
    expect(await vt.runUntil(() => done, 60_000)).toBe(true);
    expect(received.map((r) => r.at - T0)).toEqual([0, 1_000, 2_000, 4_000]);
  });

  it("holds a read past GitHub's 900 points a minute on one endpoint until the minute has room, and lets other endpoints' reads go", async () => {
    vt = VirtualTime.install(T0);
    const { octokit, received } = client(() => Date.now());
    const issue = (n: number) => octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner: "acme", repo: "web", issue_number: n });
    let done = 0;
    for (let i = 0; i < 901; i++) void issue(i + 1).then(() => done++);
    expect(await vt.runUntil(() => done === 900, 1_000)).toBe(true);
    await octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "web" });
    expect(received).toHaveLength(901);
    expect(await vt.runUntil(() => done === 901, 5 * 60_000)).toBe(true);
    expect(received.at(-1)!.at - T0).toBeGreaterThan(60_000);
  });

  it("refuses a write that would wait longer than its bound with an error that says until when, and sends nothing", async () => {
    const now = () => T0;
    const { octokit, received, ledger } = client(now, { maxWaitMs: 30_000 });
    for (let i = 0; i < 80; i++) await ledger.book(contentKey(7), T0, { pace: false });
    const error = await label(octokit, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentLimitError);
    expect((error as Error).message).toContain("POST /repos/{owner}/{repo}/issues/{issue_number}/labels not sent");
    expect((error as Error).message).toContain(`booked until ${new Date(T0 + 70_000).toISOString()}, longer than a request waits (30 s)`);
    expect(received).toEqual([]);
    expect(await ledger.used(contentKey(7), T0)).toMatchObject({ minute: 80, ahead: 0 });
  });

  it("with the throttle off (tests on a clock that does not move) only books what it sends, so the shares still see it", async () => {
    const now = () => T0;
    const { octokit, received, ledger } = client(now, { wait: false });
    for (let i = 0; i < 90; i++) await label(octokit, i + 1);
    expect(received).toHaveLength(90);
    expect(await ledger.used(contentKey(7), T0)).toEqual({ minute: 90, hour: 90, ahead: 0 });
    expect(await ledger.take(contentKey(7), T0, "onboarding", 10, { perMinute: 60, perHour: 400 })).toBeNull();
  });
});
