import { afterEach, expect, it } from "vitest";
import { seedAppLabels } from "../../src/demo/labels.js";
import { startStack, type Stack } from "../../src/demo/stack.js";
import { VirtualTime } from "../../src/simulator/virtual-time.js";

const T0 = "2026-03-02T09:00:00Z";
const FORM = "### Impact\n\nHigh\n\n### Urgency\n\nHigh\n\n### Affected service\n\nweb\n";
const BURST = 30;

let stack: Stack | undefined;
let vt: VirtualTime | undefined;
afterEach(async () => {
  vt?.uninstall();
  vt = undefined;
  await stack?.stop();
  stack = undefined;
});

/**
 * Production throttling spaces one throttle key's writes a second apart. Probot's event Octokit keys
 * every installation `no-id`, so another organisation's event would queue behind a whole burst; the
 * guard keys each installation by its id. Run on virtual time: the waits pass at once, in their order.
 */
it("a bulk edit on one installation does not hold up another installation's event: each has its own throttle budget, and every record of the burst ends with its new priority, never none in between", async () => {
  stack = await startStack({ now: T0, throttle: "production" });
  const { sim } = stack;
  vt = VirtualTime.install(Date.parse(T0));
  sim.clock.set(T0);
  sim.clock.follow();
  // deliveries are only logged, and handed to the app below (over HTTP, a delivery would wait for virtual time that cannot move while it is in flight)
  sim.setWebhookUrl(undefined);
  sim.createOrg("acme", { members: ["alice", "bob"] });
  sim.createRepo({ owner: "acme", name: "web" });
  sim.setPermission("acme/web", "bob", "write");
  sim.createOrg("globex", { members: ["gina"] });
  sim.createRepo({ owner: "globex", name: "shop" });
  sim.setPermission("globex/shop", "gina", "write");
  sim.addInstallation("globex");
  seedAppLabels(sim, "acme/web");
  seedAppLabels(sim, "globex/shop");
  const open = (repo: string, by: string) => sim.as(by).openIssue(repo, { title: "Incident", body: FORM, labels: ["ims:incident", "priority:P1"] }).number;
  const burst = sim.quietly(() => Array.from({ length: BURST }, () => open("acme/web", "alice")));
  const other = sim.quietly(() => open("globex/shop", "gina"));
  const handled: Promise<void>[] = [];
  const receive = (change: () => void) => {
    const since = sim.deliveries.length;
    change();
    for (const d of sim.deliveries.slice(since)) handled.push(stack!.probot.receive({ id: d.id, name: d.event, payload: JSON.parse(d.body) } as never));
  };
  const applied = (repo: string, n: number) => sim.labels(repo, n).includes("priority:P3");

  receive(() => {
    for (const n of burst) sim.as("bob").addLabels("acme/web", n, ["impact:low"]);
  });
  // globex's event comes while acme's burst is being written
  setTimeout(() => receive(() => sim.as("gina").addLabels("globex/shop", other, ["impact:low"])), 5_000);
  let appliedWhenOther = -1;
  const withoutPriority = new Set<number>();
  vt.onStep = () => {
    for (const n of burst) if (!sim.labels("acme/web", n).some((l) => l.startsWith("priority:"))) withoutPriority.add(n);
    if (appliedWhenOther < 0 && applied("globex/shop", other)) appliedWhenOther = burst.filter((n) => applied("acme/web", n)).length;
  };
  const outcomes = () => Promise.allSettled(handled);
  let settled = false;
  const watch = async (): Promise<void> => {
    const n = handled.length;
    await outcomes();
    if (handled.length === n) settled = true;
    else await watch();
  };
  void watch();
  expect(await vt.runUntil(() => settled && handled.length > BURST, 3_600_000), "every event of both installations handled").toBe(true);
  expect((await outcomes()).filter((o) => o.status === "rejected")).toEqual([]);

  // globex's record had its priority while most of acme's burst still waited for its writes
  expect(appliedWhenOther).toBeGreaterThanOrEqual(0);
  expect(appliedWhenOther).toBeLessThan(BURST / 2);
  expect(burst.filter((n) => !applied("acme/web", n))).toEqual([]);
  expect([...withoutPriority]).toEqual([]);
}, 120_000);
