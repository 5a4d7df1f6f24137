import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot, ProbotOctokit, createNodeMiddleware, type ApplicationFunction } from "probot";
import { afterEach, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../../src/simulator/index.js";

const SECRET = "probot-secret";
let sim: Simulator;
let server: Server;

afterEach(async () => {
  await sim.stop();
  await new Promise((resolve) => server.close(resolve));
});

it("drives a real Probot app: installation token, context.config with _extends, labels as the bot", async () => {
  sim = await startSimulator({ webhookSecret: SECRET, now: "2025-03-03T09:00:00Z" });
  sim.createOrg("acme");
  sim.createRepo({ owner: "acme", name: ".github", files: { ".github/ims.yml": "triage:\n  label: from-org\n" } });
  sim.createRepo({ owner: "acme", name: "web", files: { ".github/ims.yml": "_extends: .github\nextra: 1\n" } });

  const seen: unknown[] = [];
  const appFn: ApplicationFunction = (app) => {
    app.on("issues.opened", async (context) => {
      seen.push(await context.config("ims.yml"));
      await context.octokit.rest.issues.addLabels(context.issue({ labels: ["needs-triage"] }));
    });
  };
  const probot = new Probot({
    appId: sim.appId,
    privateKey: sim.privateKey,
    secret: SECRET,
    baseUrl: sim.url,
    logLevel: "fatal",
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  const middleware = await createNodeMiddleware(appFn, { probot, webhooksPath: "/api/github/webhooks" });
  server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  sim.setWebhookUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`);

  const issue = sim.as("alice").openIssue("acme/web", { title: "Checkout down" });
  await sim.settle();

  expect(seen).toEqual([{ triage: { label: "from-org" }, extra: 1 }]);
  expect(sim.labels("acme/web", issue.number)).toEqual(["needs-triage"]);
  expect(sim.deliveries.filter((d) => d.status !== 200)).toEqual([]);
  expect(sim.deliveries.map((d) => `${d.event}.${d.action}`)).toEqual(["issues.opened", "label.created", "issues.labeled"]);
  expect(sim.requestCounts()).toEqual({
    "POST /app/installations/{installation_id}/access_tokens": 1,
    "GET /repos/{owner}/{repo}/contents/{path}": 2,
    "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": 1,
  });
  expect(sim.unknownRoutes).toEqual([]);
});
