import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EVENTS } from "../../src/index.js";
import type { Simulator } from "../../src/simulator/index.js";
import { useSimulator } from "./helpers.js";

let sim: Simulator;
useSimulator((s) => ({ sim } = s));

const manifest = parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as { default_events: string[] };

describe("the app's subscription (app.yml)", () => {
  it("subscribes every event the app handles, so GitHub sends each of them (a merge queue stalls on a handler GitHub never calls)", () => {
    // the app registers exactly the events of its table (src/index.ts), one guard each
    // installation events reach every app and cannot be subscribed to (GitHub's webhook docs)
    const handled = Object.keys(EVENTS).filter((e) => e !== "installation" && e !== "installation_repositories");
    expect(handled.length).toBeGreaterThan(5);
    expect(handled.filter((e) => !manifest.default_events.includes(e))).toEqual([]);
  });

  it("the simulator delivers only the events app.yml subscribes, as GitHub does", async () => {
    sim.createTeam("acme", { slug: "ops", members: ["alice"] });
    await sim.settle();
    const events = new Set(sim.deliveries.map((d) => d.event));
    expect(events.has("membership")).toBe(true);
    // `team` (a team created) is not in the manifest: GitHub would not send it to this app
    expect(events.has("team")).toBe(false);
    expect([...events].filter((e) => !manifest.default_events.includes(e))).toEqual([]);
  });
});
