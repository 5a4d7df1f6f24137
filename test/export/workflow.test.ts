import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { expect, it } from "vitest";
import { REPO_ROOT } from "../evidence/helpers.js";

it("templates/workflows/ims-evidence.yml exports the last period monthly or on demand, verifies it and uploads it", () => {
  const wf = parse(readFileSync(path.join(REPO_ROOT, "templates/workflows/ims-evidence.yml"), "utf8"));
  expect(wf.on.schedule[0].cron).toMatch(/^\S+ \S+ 1 \* \*$/);
  expect(Object.keys(wf.on.workflow_dispatch.inputs)).toEqual(expect.arrayContaining(["from", "to"]));
  const steps: Array<{ name: string; run?: string; uses?: string; env?: Record<string, string>; if?: string }> = wf.jobs.export.steps;
  const run = steps.map((s) => s.run ?? "").join("\n");
  expect(run).toMatch(/args\+=\(--repo "\$r"\)/);
  expect(run).toMatch(/"\$IMS_BOT" export "\$\{args\[@\]\}"/);
  expect(run).toMatch(/"\$IMS_BOT" verify/);
  expect(run).toMatch(/sha256sum -c SHA256SUMS/);
  expect(steps.find((s) => s.name === "Export")?.env).toMatchObject({ IMS_SIGNING_KEY: "${{ secrets.IMS_SIGNING_KEY }}" });
  expect(steps.some((s) => s.uses?.startsWith("actions/upload-artifact@"))).toBe(true);
  // secrets are not readable in `if:` on GitHub Actions
  for (const s of steps) expect(s.if ?? "").not.toMatch(/secrets\./);
  expect(wf.permissions).toMatchObject({ issues: "read", "pull-requests": "read", checks: "read" });
});

it("templates/workflows/ims-evidence.yml runs ims-bot built from a pinned source, not a name fetched from the npm registry", () => {
  // ims-bot is not published on npm: `npx ims-bot` 404s in a consumer repository, and whoever took the
  // name there would be handed the signing key and the token
  const wf = parse(readFileSync(path.join(REPO_ROOT, "templates/workflows/ims-evidence.yml"), "utf8"));
  const steps: Array<{ name: string; run?: string; uses?: string; with?: Record<string, string>; "working-directory"?: string }> = wf.jobs.export.steps;
  const run = steps.map((s) => s.run ?? "").join("\n");
  expect(run).not.toMatch(/\bnpx\b/);
  const checkout = steps.findIndex((s) => s.uses?.startsWith("actions/checkout@") && s.with?.repository === "${{ vars.IMS_BOT_REPOSITORY }}");
  expect(checkout).toBeGreaterThanOrEqual(0);
  expect(steps[checkout]!.with).toMatchObject({ ref: "${{ vars.IMS_BOT_REF }}", "persist-credentials": false });
  const build = steps.findIndex((s) => /npm ci[\s\S]*npm run build[\s\S]*npm install --global/.test(s.run ?? ""));
  expect(build).toBeGreaterThan(checkout);
  expect(steps[build]!["working-directory"]).toBe(steps[checkout]!.with!.path);
  expect(steps.findIndex((s) => s.name === "Export")).toBeGreaterThan(build);
  expect(wf.jobs.export.env.IMS_BOT).toBe("ims-bot");
  // the key reaches the export step only, never the build that runs dependencies' install scripts
  expect(steps.filter((s) => JSON.stringify(s).includes("IMS_SIGNING_KEY")).map((s) => s.name)).toEqual(["Export"]);
});
