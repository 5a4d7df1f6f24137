import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { expect, it } from "vitest";
import { REPO_ROOT } from "../evidence/helpers.js";

it("templates/workflows/ims-service-report.yml posts last month's service report monthly or on demand, from a pinned ims-bot", () => {
  const wf = parse(readFileSync(path.join(REPO_ROOT, "templates/workflows/ims-service-report.yml"), "utf8"));
  expect(wf.on.schedule[0].cron).toMatch(/^\S+ \S+ 1 \* \*$/);
  expect(Object.keys(wf.on.workflow_dispatch.inputs)).toEqual(["from", "to", "repos"]);
  expect(wf.permissions).toMatchObject({ issues: "write", contents: "read", checks: "read" });
  const steps: Array<{ name?: string; run?: string; uses?: string; env?: Record<string, string>; if?: string; with?: Record<string, string> }> = wf.jobs.report.steps;
  const run = steps.map((s) => s.run ?? "").join("\n");
  expect(run).not.toMatch(/\bnpx\b/);
  expect(run).toMatch(/"\$IMS_BOT" report "\$\{args\[@\]\}"[\s\S]*--post "\$POST_TO"/);
  expect(steps.some((s) => s.uses?.startsWith("actions/checkout@") && s.with?.ref === "${{ vars.IMS_BOT_REF }}")).toBe(true);
  // inputs reach scripts only through env, after validation
  for (const s of steps) expect(s.run ?? "").not.toMatch(/\$\{\{\s*inputs\./);
  for (const s of steps) expect(s.if ?? "").not.toMatch(/secrets\./);
});
