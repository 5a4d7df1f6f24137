import { Writable } from "node:stream";
import { pino } from "pino";
import type { Logger } from "probot";
import { afterEach, expect, it } from "vitest";
import { startStack, type Stack } from "../../src/demo/stack.js";
import { seedAppLabels } from "../../src/demo/labels.js";
import { form, REPO, T0 } from "../helpers/incident-stack.js";

/**
 * Issue 10, section 4: every log line a handler writes for an event names its delivery, repository
 * and record, bound once per event (a child of Probot's event logger), so an operator can follow one
 * delivery or one record through the logs. The app logs through a pino destination the test reads.
 */
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

function capture(): { lines: Array<Record<string, unknown>>; log: Logger } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: pino<never>({ level: "info" }, sink) };
}

it("every line a handler logs for an event names its delivery, event, repository and record", async () => {
  const { lines, log } = capture();
  stack = await startStack({ now: T0, log });
  const { sim } = stack;
  sim.createOrg("acme", { members: ["alice", "bob"] });
  sim.createRepo({ owner: "acme", name: "web" });
  seedAppLabels(sim, REPO);
  sim.setPermission(REPO, "bob", "write");
  const issue = sim.as("alice").openIssue(REPO, { title: "Checkout down", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  sim.as("bob").addLabels(REPO, issue.number, ["impact:low"]);
  await sim.settle();
  const opened = sim.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
  const labeled = sim.deliveries.find((d) => d.action === "labeled" && d.body.includes('"impact:low"'))!;
  // the handlers' own lines (the record evaluated on opening, and again on a person's label) are among them
  const ofOpened = lines.filter((l) => l.delivery === opened.id);
  const ofLabeled = lines.filter((l) => l.delivery === labeled.id);
  expect(ofOpened.map((l) => l.msg)).toContain("incident record evaluated");
  expect(ofLabeled.map((l) => l.msg)).toContain("incident record evaluated");
  for (const l of [...ofOpened, ...ofLabeled]) expect({ repo: l.repo, record: l.record }).toEqual({ repo: REPO, record: issue.number });
  expect(ofOpened.every((l) => l.event === "issues")).toBe(true);
  expect(ofLabeled.every((l) => l.event === "issues")).toBe(true);
  // and no line of Probot's event logger is left without them: each event line names its delivery
  const eventLines = lines.filter((l) => l.name === "event");
  expect(eventLines.length).toBeGreaterThan(0);
  expect(eventLines.filter((l) => typeof l.delivery !== "string").map((l) => l.msg)).toEqual([]);
});
