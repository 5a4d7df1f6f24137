import type { Octokit } from "./types.js";

/** A write refused because the sweep's lease was lost: another replica holds a newer one and sweeps now. */
export class LeaseLostError extends Error {
  constructor(key: string) {
    super(`the lease "${key}" was lost (it expired and another replica took it): this replica's sweep writes nothing more`);
    this.name = "LeaseLostError";
  }
}

/**
 * Fences an Octokit's writes with a lease: before each request other than a GET, `stillHeld` is
 * asked (it renews the lease), and a holder that lost it writes nothing more, so a replica that
 * stalled past its lease never writes beside the one that took over.
 */
export function fenceWrites(octokit: Octokit, key: string, stillHeld: () => Promise<boolean>): Octokit {
  octokit.hook.before("request", async (options) => {
    if ((options.method ?? "GET").toUpperCase() === "GET") return;
    if (!(await stillHeld())) throw new LeaseLostError(key);
  });
  return octokit;
}
