import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { octokitCallsOutsideGithub, peerImports } from "./layering-scan.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SRC = join(ROOT, "src");

function sources(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name))
    .map((p) => ({ path: relative(ROOT, p).split("\\").join("/"), text: readFileSync(p, "utf8") }));
}

describe("layering", () => {
  const files = sources(SRC);

  it("keeps Probot and Octokit out of the pure core (records, sla, change, problems, core, config, store, dashboard, services, deploy)", () => {
    expect(peerImports(files)).toEqual([]);
  });

  it("sends every GitHub call from src/github (and the allow-listed clients of their own)", () => {
    expect(octokitCallsOutsideGithub(files)).toEqual([]);
  });

  it("names a call added outside src/github (so the guard above fails on one)", () => {
    const added = { path: "src/flows/new-flow.ts", text: "export async function f(octokit: Octokit) {\n  await octokit.rest.issues.create({ owner, repo, title });\n}\n" };
    const viaContext = { path: "src/handlers/new-handler.ts", text: "await context.octokit.request(\"GET /repos/{owner}/{repo}\", r);\nawait gh.paginate(gh.rest.issues.listForRepo, r);\n" };
    expect(octokitCallsOutsideGithub([added, viaContext])).toEqual([
      "src/flows/new-flow.ts:2: await octokit.rest.issues.create({ owner, repo, title });",
      "src/handlers/new-handler.ts:1: await context.octokit.request(\"GET /repos/{owner}/{repo}\", r);",
      "src/handlers/new-handler.ts:2: await gh.paginate(gh.rest.issues.listForRepo, r);",
    ]);
  });

  it("names a Probot or Octokit import added to the pure core", () => {
    const added = { path: "src/sla/new-clock.ts", text: "import type { Context } from \"probot\";\nimport { Octokit } from \"@octokit/rest\";\n" };
    expect(peerImports([added])).toEqual([
      "src/sla/new-clock.ts:1: import type { Context } from \"probot\";",
      "src/sla/new-clock.ts:2: import { Octokit } from \"@octokit/rest\";",
    ]);
  });
});
