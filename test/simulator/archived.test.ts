import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { ARCHIVED_MESSAGE } from "../../src/simulator/archived.js";
import { botComments, form, incidentStack, REPO } from "../helpers/incident-stack.js";

describe("an archived repository is read-only, as on GitHub, and the app skips it without a failed delivery", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await incidentStack();
  });
  afterAll(async () => stack.stop());

  it("refuses the app's writes with 403 \"Repository was archived so is read-only.\" and still answers reads", async () => {
    const { sim } = stack;
    sim.createRepo({ owner: "acme", name: "old" });
    sim.archiveRepo("acme/old");
    const token = sim.installationToken();
    const write = await fetch(`${sim.url}/repos/acme/old/labels`, { method: "POST", headers: { authorization: `token ${token}`, "content-type": "application/json" }, body: JSON.stringify({ name: "x" }) });
    expect(write.status).toBe(403);
    expect(((await write.json()) as { message: string }).message).toBe(ARCHIVED_MESSAGE);
    const read = await fetch(`${sim.url}/repos/acme/old/labels`, { headers: { authorization: `token ${token}` } });
    expect(read.status).toBe(200);
    const repo = (await (await fetch(`${sim.url}/repos/acme/old`, { headers: { authorization: `token ${token}` } })).json()) as { archived: boolean };
    expect(repo.archived).toBe(true);
  });

  it("an incident filed just before the repository was archived: the app's writes are refused, it writes nothing else, and no delivery fails", async () => {
    const { sim } = stack;
    const issue = sim.as("bob").openIssue(REPO, { title: "Checkout fails", body: form("High", "High"), labels: ["ims:incident"] });
    sim.archiveRepo(REPO); // before the app handled the event
    sim.resetRequestLog();
    await sim.settle();
    const refused = sim.requestLog.filter((r) => r.status === 403 && r.actor === sim.botLogin);
    expect(refused.length).toBeGreaterThan(0);
    const issues = sim.deliveries.filter((d) => d.event === "issues");
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((d) => d.status)).toEqual(issues.map(() => 200));
    expect(botComments(stack, issue.number)).toEqual([]);
  });
});
