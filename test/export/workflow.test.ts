import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { expect, it } from "vitest";
import { REPO_ROOT, tempDir } from "../evidence/helpers.js";

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
  expect(wf.permissions).toMatchObject({ issues: "read", "pull-requests": "read", checks: "read", deployments: "read" });
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

it("templates/workflows/ims-evidence.yml never expands a dispatch input into a script, and checks the inputs before any step that holds the key", () => {
  // anyone who can dispatch the workflow types the inputs; the export step has IMS_SIGNING_KEY in its environment
  const wf = parse(readFileSync(path.join(REPO_ROOT, "templates/workflows/ims-evidence.yml"), "utf8"));
  const steps: Array<{ name: string; id?: string; run?: string; shell?: string; env?: Record<string, string> }> = wf.jobs.export.steps;
  for (const s of steps) {
    // no expression at all inside a script: `${{ inputs.x }}`, `${{ github.event.inputs.x }}` or an output derived from them
    expect(s.run ?? "", s.name).not.toMatch(/\$\{\{/);
  }
  const check = steps.findIndex((s) => s.env?.FROM === "${{ inputs.from }}" && s.env?.TO === "${{ inputs.to }}" && s.env?.REPOS === "${{ inputs.repos }}");
  expect(check).toBeGreaterThanOrEqual(0);
  expect(check).toBeLessThan(steps.findIndex((s) => s.name === "Export"));
  // the inputs reach no other step but through the checked step's outputs
  for (const [i, s] of steps.entries()) if (i !== check) expect(JSON.stringify(s), s.name).not.toMatch(/inputs\./);
  expect(steps[check]!.shell).toBe("bash");
  expect(steps.find((s) => s.name === "Export")!.env).toMatchObject({ FROM: `\${{ steps.${steps[check]!.id}.outputs.from }}`, REPOS: `\${{ steps.${steps[check]!.id}.outputs.repos }}` });

  const script = steps[check]!.run!;
  const runWith = (env: Record<string, string>) => {
    const dir = tempDir("ims-wf-");
    const output = path.join(dir, "github-output");
    writeFileSync(output, "");
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, DEFAULT_REPO: "acme/web", FROM: "", TO: "", REPOS: "", ...env } });
    return { ...r, output: readFileSync(output, "utf8"), dir };
  };
  const good = runWith({ FROM: "2026-03-01", TO: "2026-03-31", REPOS: "acme/web acme/api" });
  expect(good.status, good.stderr).toBe(0);
  expect(good.output).toBe("from=2026-03-01\nto=2026-03-31\nrepos=acme/web acme/api\nname=ims-evidence-2026-03-01_2026-03-31\n");
  const hostile: Record<string, string>[] = [
    { FROM: '2026-03-01"; touch pwned; echo "', TO: "2026-03-31" },
    { FROM: "2026-03-01\nname=../../pwned", TO: "2026-03-31" },
    { FROM: "2026-03-01", TO: "$(touch pwned)" },
    { FROM: "2026-02-30", TO: "2026-03-31" },
    { FROM: "2026-04-01", TO: "2026-03-31" },
    { FROM: "2026-03-01", TO: "2026-03-31", REPOS: "acme/web;touch${IFS}pwned" },
    { FROM: "2026-03-01", TO: "2026-03-31", REPOS: "acme/web --key=/etc/hostname" },
    { FROM: "2026-03-01", TO: "2026-03-31", REPOS: "::add-mask::acme/web" },
  ];
  for (const env of hostile) {
    const r = runWith(env);
    const what = JSON.stringify(env);
    expect(r.status, what).not.toBe(0);
    expect(r.output, what).toBe("");
    expect(existsSync(path.join(r.dir, "pwned")), what).toBe(false);
    expect(r.stdout, what).toMatch(/^::error::input '(from|to|repos)' /);
    // never echoed back: a value at a line start could be read as a workflow command
    for (const v of Object.values(env)) if (v !== "2026-03-01" && v !== "2026-03-31") expect(r.stdout + r.stderr, what).not.toContain(v);
  }
});
