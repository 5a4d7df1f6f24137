import { Redis } from "ioredis";
import { afterEach, beforeAll, beforeEach, describe, it } from "vitest";
import type { Simulator } from "../../src/simulator/index.js";
import { ensureBuilt, stopAllProcesses } from "../helpers/processes.js";
import { describeWithRedis } from "../helpers/redis.js";
import { clusterSimulator, openedHandledLate, redeliveryToRestartedProcess, sameDeliveryToBoth, twoEventsOfOneRecord } from "./cluster-scenarios.js";

// Real `probot run` replicas against one simulator (and, for two replicas, one Redis): the scenarios
// of cluster-scenarios.ts. The sweep scenarios (a tick on both, a replica killed mid-sweep) are in
// cluster-sweep.test.ts.
let sim: Simulator | undefined;
beforeAll(ensureBuilt, 240_000);
afterEach(async () => {
  await stopAllProcesses();
  await sim?.stop();
  sim = undefined;
});

describe("one process, restarted", () => {
  it("a redelivery of issues.opened to the restarted process writes nothing", async () => {
    sim = await clusterSimulator();
    await redeliveryToRestartedProcess(sim);
  }, 120_000);

  it("an issues.opened handled after a later label event does not put an old priority back", async () => {
    sim = await clusterSimulator();
    await openedHandledLate(sim);
  }, 120_000);
});

describeWithRedis("two replicas behind one webhook URL", (url) => {
  const redisUrl = `${url.replace(/\/\d*$/, "")}/6`;
  // emptied before each scenario: Probot's throttle (Bottleneck) keeps its reservations and spacing
  // there by the times its clients send, and every scenario's processes start at the simulator's one
  // start time, behind the last scenario's clocks: a scenario must not inherit the last one's
  beforeEach(async () => {
    const redis = new Redis(redisUrl);
    try {
      await redis.flushdb();
    } finally {
      await redis.quit();
    }
  });

  it("the same delivery sent to both replicas at once makes one set of writes", async () => {
    sim = await clusterSimulator();
    await sameDeliveryToBoth(sim, redisUrl);
  }, 120_000);

  it("two different events of one record, one to each replica at once, leave one card and one priority", async () => {
    sim = await clusterSimulator();
    await twoEventsOfOneRecord(sim, redisUrl);
  }, 120_000);
});
