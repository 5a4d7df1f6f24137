import type { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import type { Simulator } from "../../src/simulator/index.js";
import { takeViolations } from "../../src/simulator/oracle.js";
import { checkWebhookPayload } from "../helpers/webhook-schemas.js";
import { type startReceiver, useSimulator } from "./helpers.js";

let sim: Simulator;
let octokit: Octokit;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

useSimulator((s) => ({ sim, octokit, receiver } = s));

async function openedPayload(): Promise<Record<string, unknown>> {
  sim.as("alice").openIssue("acme/web", { title: "Checkout down" });
  await sim.settle();
  return structuredClone(receiver.received.find((r) => r.event === "issues" && r.payload.action === "opened")!.payload);
}

// Every simulator suite trusts these checks to catch what GitHub would never send or accept; prove they do.
describe("GitHub's webhook schemas and REST description hold the simulator", () => {
  it("accepts the issues.opened payload the simulator emits", async () => {
    expect(checkWebhookPayload("issues", await openedPayload())).toEqual([]);
  });

  it("rejects a payload missing a field GitHub always sends, naming event, action and path", async () => {
    const payload = await openedPayload();
    delete (payload.issue as { user: Record<string, unknown> }).user.id;
    expect(checkWebhookPayload("issues", payload)).toContain("issues.opened /issue/user: missing id");
  });

  it("rejects a value outside the schema", async () => {
    const payload = await openedPayload();
    (payload.issue as Record<string, unknown>).state = "maybe";
    expect(checkWebhookPayload("issues", payload).join("\n")).toContain("issues.opened /issue/state: must be equal to one of the allowed values");
  });

  it("rejects an action GitHub does not send for the event", () => {
    expect(checkWebhookPayload("issues", { action: "exploded" })[0]).toMatch(/^issues\.exploded: GitHub describes no such action/);
    expect(checkWebhookPayload("no_such_event", {})).toEqual(["no_such_event: GitHub describes no such webhook event"]);
  });

  it("finds the schema of actions described only inside oneOf branches (pull_request.review_requested)", () => {
    expect(checkWebhookPayload("pull_request", { action: "review_requested" }).join("\n")).not.toContain("no such action");
  });

  it("reports a malformed webhook the simulator emits, so the test that caused it fails", async () => {
    const payload = await openedPayload();
    takeViolations();
    (payload.issue as Record<string, unknown>).number = "1";
    sim.core.hooks.enqueue("issues", payload);
    await sim.settle();
    expect(takeViolations()).toEqual(["webhook issues.opened /issue/number: must be integer"]);
  });

  it("reports a request the simulator receives that GitHub's REST description rejects", async () => {
    await octokit.request("GET /repos/{owner}/{repo}/issues", { owner: "acme", repo: "web", colour: "red" });
    await octokit.request("GET /repos/{owner}/{repo}/pulls", { owner: "acme", repo: "web", state: "merged" as "open" }).catch(() => undefined);
    expect(takeViolations()).toEqual([
      "request GET /repos/acme/web/issues?colour=red (/repos/{owner}/{repo}/issues): query parameter colour is not one this operation takes",
      expect.stringContaining("request GET /repos/acme/web/pulls?state=merged (/repos/{owner}/{repo}/pulls): query parameter state=\"merged\""),
    ]);
  });
});
