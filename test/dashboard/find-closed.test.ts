import { describe, expect, it } from "vitest";
import { findClosedDashboard } from "../../src/github/dashboard-find.js";
import type { Octokit as AppOctokit } from "../../src/github/types.js";
import type { Simulator } from "../../src/simulator/index.js";
import { asUser, useSimulator } from "../simulator/helpers.js";

let sim: Simulator;
let octokit: AppOctokit;
useSimulator((s) => ({ sim, octokit } = { sim: s.sim, octokit: s.octokit as unknown as AppOctokit }));

const r = { owner: "acme", repo: "web" };
const body = "<!-- ims-dashboard -->\nwhat waits for someone";

describe("a closed dashboard is found on GitHub by its marker, only when the app wrote it", () => {
  it("finds the app's closed dashboard by its login (REST) and, without the login, by one search; a person's look-alike never", async () => {
    const person = asUser(sim, "alice");
    const fake = await person.rest.issues.create({ ...r, title: "IMS dashboard", body });
    await person.rest.issues.update({ ...r, issue_number: fake.data.number, state: "closed" });
    expect(await findClosedDashboard(octokit, r, { creator: sim.botLogin })).toBeNull();
    expect(await findClosedDashboard(octokit, r, { creator: null })).toBeNull();

    const ours = await octokit.rest.issues.create({ ...r, title: "IMS dashboard", body });
    await octokit.rest.issues.update({ ...r, issue_number: ours.data.number, state: "closed" });
    let paced = 0;
    expect(await findClosedDashboard(octokit, r, { creator: sim.botLogin, pace: async () => void paced++ })).toBe(ours.data.number);
    expect(paced).toBe(0); // REST: no search spent
    expect(await findClosedDashboard(octokit, r, { creator: null, pace: async () => void paced++ })).toBe(ours.data.number);
    expect(paced).toBe(1);
  });
});
