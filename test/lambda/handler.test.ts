import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedAppLabels } from "../../src/demo/labels.js";
import { incidentForm } from "../../src/demo/forms.js";
import { createHandler } from "../../src/lambda.js";
import { startSimulator, type Simulator } from "../../src/simulator/index.js";
import { sign } from "../../src/simulator/webhooks.js";

const SECRET = "lambda-secret";
const REPO = "acme/web";
let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator({ webhookSecret: SECRET, now: "2026-03-02T09:00:00Z" });
  sim.createOrg("acme", { members: ["alice"] });
  sim.createRepo({ owner: "acme", name: "web" });
  seedAppLabels(sim, REPO);
});
afterEach(() => sim.stop());

/** What API Gateway hands the function for GitHub's POST: headers as sent (any case), the body as text. */
function apiGatewayEvent(body: string, signature: string, event = "repository_dispatch"): APIGatewayProxyEvent {
  return {
    httpMethod: "POST",
    path: "/api/github/webhooks",
    headers: { "Content-Type": "application/json", "X-GitHub-Event": event, "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958", "X-Hub-Signature-256": signature },
    body,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEvent;
}

function handler() {
  const probot = new Probot({
    appId: sim.appId,
    privateKey: sim.privateKey,
    secret: SECRET,
    baseUrl: sim.url,
    logLevel: "fatal",
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  return createHandler(probot);
}

/** The exact body GitHub sends when the scheduled workflow (templates/workflows/ims-sweep.yml) dispatches ims-sweep. */
function sweepDispatchBody(): string {
  sim.as("alice").dispatch(REPO, "ims-sweep");
  return sim.deliveries.at(-1)!.body;
}

describe("the AWS Lambda entry point (src/lambda.ts)", () => {
  it("accepts a correctly signed API Gateway event and handles it: the scheduled workflow's ims-sweep sweeps the repository", async () => {
    sim.quietly(() => sim.as("alice").openIssue(REPO, { title: "Checkout down", labels: ["ims:incident"], body: incidentForm({ impact: "High", urgency: "High", service: "checkout", what: "500s" }) }));
    const body = sweepDispatchBody();
    const result = await handler()(apiGatewayEvent(body, sign(SECRET, body)), {} as Context);
    expect(result.statusCode).toBe(200);
    // handled: the sweep read the open incident records as the app
    expect(sim.requestLog.filter((r) => r.actor === sim.botLogin).map((r) => r.route)).toContain("GET /search/issues");
  });

  it("accepts a base64-encoded body (API Gateway's binary mode) with the signature over the original bytes", async () => {
    const body = sweepDispatchBody();
    const event = { ...apiGatewayEvent(Buffer.from(body).toString("base64"), sign(SECRET, body)), isBase64Encoded: true };
    expect((await handler()(event, {} as Context)).statusCode).toBe(200);
  });

  it("rejects a wrongly signed event with 400 and does nothing", async () => {
    const body = sweepDispatchBody();
    const result = await handler()(apiGatewayEvent(body, sign("not-the-secret", body)), {} as Context);
    expect(result.statusCode).toBe(400);
    expect(sim.requestLog.filter((r) => r.actor === sim.botLogin)).toEqual([]);
  });
});
