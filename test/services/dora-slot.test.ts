import { describe, expect, it } from "vitest";
import { fourKeys } from "../../src/deploy/dora.js";
import { doraSlotFor } from "../../src/services/dora-slot.js";

const period = { from: "2026-03-01T00:00:00Z", to: "2026-03-29T00:00:00Z" };
const keys = fourKeys({
  repo: "acme/web",
  period,
  production: ["production"],
  deployments: [
    { id: 1, sha: "a", environment: "production", createdAt: "2026-03-02T10:00:00Z", finishedAt: "2026-03-02T10:05:00Z", outcome: "success", rollback: false, changes: [7] },
    { id: 2, sha: "b", environment: "production", createdAt: "2026-03-09T10:00:00Z", finishedAt: "2026-03-09T10:05:00Z", outcome: "failed", rollback: false, changes: [8] },
  ],
  changes: [
    { pull: 7, firstCommitAt: "2026-03-01T10:05:00Z", incidents: [] },
    { pull: 8, firstCommitAt: "2026-03-08T10:00:00Z", incidents: [] },
  ],
  incidents: [],
});

describe("a service's DORA keys in the service report", () => {
  it("are its one repository's four keys, in hours and a week", () => {
    const slot = doraSlotFor(["ACME/web"], [keys]);
    expect(slot).toEqual({ deploymentFrequency: 0.25, leadTimeHours: 24, changeFailureRate: 0.5, timeToRestoreHours: null });
  });

  it("are not an average of pipelines for a service of several repositories", () => {
    expect(doraSlotFor(["acme/web", "acme/api"], [keys])).toBeNull();
  });

  it("are none for a repository with no production deployment", () => {
    expect(doraSlotFor(["acme/api"], [keys])).toBeNull();
  });
});
