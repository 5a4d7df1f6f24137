import type { Octokit } from "@octokit/rest";
import type { Simulator } from "../simulator/index.js";
import type { Stack } from "./stack.js";

/** What every demo chapter gets: the running stack, the demo repository, and a narrator. */
export interface DemoEnv {
  stack: Stack;
  sim: Simulator;
  /** The demo repository, "owner/name". */
  repo: string;
  /** A REST client acting as a person (the auditor), for reading what the app wrote; not counted as app calls. */
  github: Octokit;
  /** Where the demo writes what a person keeps (the evidence bundle, the public key). */
  outDir: string;
  /** The organisation owning it. */
  org: string;
  /** A numbered step heading. */
  step(title: string): void;
  /** A line of narration (what happened, what the app did). */
  say(text: string): void;
  /** Waits for every webhook to be handled, then returns the app's API calls since the last call, by route. */
  settle(): Promise<Record<string, number>>;
  /** Fails the demo (exit 1) with a message when a condition does not hold. */
  expect(condition: boolean, message: string): void;
}
