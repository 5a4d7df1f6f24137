import { describe, expect, it } from "vitest";
import type { Octokit } from "@octokit/rest";
import type { Simulator } from "../../src/simulator/index.js";
import { type startReceiver, useSimulator } from "./helpers.js";
import { checkResponseBody } from "../helpers/openapi.js";

let sim: Simulator;
let octokit: Octokit;
let _receiver: Awaited<ReturnType<typeof startReceiver>>;
useSimulator((s) => ({ sim, octokit, receiver: _receiver } = s));


describe("simulator: an organisation's alert lists as GitHub serves them (issue 13)", () => {
  it("lists the open alerts of the organisation's repositories with their repository, state filtered, in GitHub's schema", async () => {
    sim.quietly(() => {
      sim.as("dependabot[bot]").raiseAlert("acme/web", "dependabot", { severity: "critical", package: "npm/lodash" });
      sim.as("dependabot[bot]").raiseAlert("acme/web", "dependabot", { severity: "low", package: "npm/qs" });
      sim.as("dependabot[bot]").changeAlert("acme/web", "dependabot", 2, { action: "fixed" });
      sim.as("github[bot]").raiseAlert("acme/web", "secret-scanning", {});
    });
    const dep = await octokit.paginate("GET /orgs/{org}/dependabot/alerts", { org: "acme", state: "open", per_page: 100 });
    expect(dep.map((a) => [a.number, a.repository.full_name])).toEqual([[1, "acme/web"]]);
    expect(checkResponseBody("GET", "/orgs/acme/dependabot/alerts", 200, dep)).toBeNull();
    const sec = await octokit.paginate("GET /orgs/{org}/secret-scanning/alerts", { org: "acme", state: "open", per_page: 100 });
    expect(sec.map((a) => a.repository?.full_name)).toEqual(["acme/web"]);
    expect(checkResponseBody("GET", "/orgs/acme/secret-scanning/alerts", 200, sec)).toBeNull();
    const code = await octokit.paginate("GET /orgs/{org}/code-scanning/alerts", { org: "acme", state: "open", per_page: 100 });
    expect(code).toEqual([]);
  });
});
