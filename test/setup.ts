import fc from "fast-check";
import { afterEach, beforeAll, expect } from "vitest";
import { takeViolations, useOracle } from "../src/simulator/oracle.js";

// Property tests are reproducible: a fixed seed unless FC_SEED asks for another (e.g. a random one locally).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261129) });

// Every simulator a test starts is held to GitHub's descriptions: each webhook it emits and each
// request it receives. Loaded here, not by the simulator, so the demo never needs these packages.
beforeAll(async () => {
  const { githubOracle } = await import("./helpers/oracle.js");
  useOracle(githubOracle);
});

afterEach(() => {
  expect(takeViolations(), "the simulator emitted a webhook or received a request that GitHub's descriptions reject").toEqual([]);
});
