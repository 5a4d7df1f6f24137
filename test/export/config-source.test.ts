import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import type { Simulator } from "../../src/simulator/index.js";
import { seededSimulator, tempOut } from "./fixture.js";

let sim: Simulator;
beforeEach(async () => {
  ({ sim } = await seededSimulator());
});
afterEach(async () => sim.stop());

/** `ims-bot export` with captured output (progress lines go to stderr). */
async function exportCli(repos: string[], extra: string[] = []) {
  const out = tempOut();
  let stdout = "";
  let stderr = "";
  const args = ["export", ...repos.flatMap((r) => ["--repo", r]), "--from", "2026-03-01", "--to", "2026-03-31", "--out", out, "--format", "dir", "--unsigned", "--allow-empty", "--api-url", sim.url, ...extra];
  const progress = { write: (t: string) => void (stderr += t), isTTY: false };
  const code = await runCli(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t), env: { GITHUB_TOKEN: sim.userToken("auditor") }, progress });
  const manifest = code === 0 ? JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) : null;
  const report = code === 0 ? readFileSync(path.join(out, "report.html"), "utf8") : "";
  return { code, stdout, stderr, manifest, report, out };
}

it("a repository without its own config, whose owner's .github repository answers 404, is not silently judged by the default SLA targets", async () => {
  // acme has no .github repository here; a private one the token cannot read answers the same 404
  sim.createRepo({ owner: "acme", name: "ops", files: { "README.md": "# ops\n" } });
  const refused = await exportCli(["acme/ops"]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/acme\/ops has no \.github\/ims\.yml, so the app reads acme\/\.github's instead, but this token gets 404 for the repository acme\/\.github/);
  expect(refused.stderr).toMatch(/Give the token read access \(metadata and contents\) to acme\/\.github .* or pass --no-org-config/);

  const assumed = await exportCli(["acme/ops"], ["--no-org-config"]);
  expect(assumed.code, assumed.stderr).toBe(0);
  expect(assumed.manifest.configs).toEqual([{ repo: "acme/ops", judgedBy: "defaults", files: [], assumed: true, note: expect.stringMatching(/--no-org-config assumed it has none/) }]);
  expect(assumed.stderr).toMatch(/acme\/ops: records judged by the built-in defaults \(ASSUMED: --no-org-config\)/);
  expect(assumed.report).toMatch(/<td>acme\/ops<\/td><td>built-in defaults <span class="gap">\(assumed: --no-org-config\)<\/span>/);
});

it("the bundle and stderr say which config each repository's records were judged by: its own file, the owner's .github file with _extends, or the defaults", async () => {
  sim.createRepo({ owner: "acme", name: ".github", files: { ".github/ims.yml": "_extends: policies\n" } });
  sim.createRepo({ owner: "acme", name: "policies", files: { ".github/ims.yml": "sla: {}\n" } });
  sim.createRepo({ owner: "acme", name: "ops", files: { "README.md": "# ops\n" } });
  sim.createRepo({ owner: "acme", name: "db", files: { ".github/ims.yml": "sla: { targets: { P1: { respond: soon } } }\n" } });
  const r = await exportCli(["acme/web", "acme/ops", "acme/db"]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.manifest.configs).toEqual([
    { repo: "acme/web", judgedBy: "repository", files: ["acme/web:.github/ims.yml"], assumed: false, note: "the repository's own file" },
    { repo: "acme/ops", judgedBy: "owner", files: ["acme/.github:.github/ims.yml", "acme/policies:.github/ims.yml"], assumed: false, note: "acme/ops has no .github/ims.yml; the owner's .github repository's applies, with _extends" },
    { repo: "acme/db", judgedBy: "defaults", files: ["acme/db:.github/ims.yml"], assumed: false, note: expect.stringMatching(/^the config is invalid \(sla\.targets\.P1\.respond: .*\), so the app runs on its built-in defaults/), invalid: expect.stringMatching(/^sla\.targets\.P1\.respond: /) },
  ]);
  expect(r.stderr).toContain("acme/ops: records judged by acme/.github:.github/ims.yml + acme/policies:.github/ims.yml;");
  expect(r.report).toContain("Configuration the records were judged by");
  expect(r.report).toContain("<td>acme/ops</td><td>the owner&#39;s .github repository</td><td>acme/.github:.github/ims.yml, acme/policies:.github/ims.yml</td>");
});

it("a visible .github repository without the file is proof of no org config; an _extends the token cannot see fails the export", async () => {
  sim.createRepo({ owner: "acme", name: ".github", files: { "README.md": "# org\n" } });
  sim.createRepo({ owner: "acme", name: "ops", files: { "README.md": "# ops\n" } });
  const none = await exportCli(["acme/ops"]);
  expect(none.code, none.stderr).toBe(0);
  expect(none.manifest.configs).toEqual([{ repo: "acme/ops", judgedBy: "defaults", files: [], assumed: false, note: "neither acme/ops nor acme/.github has .github/ims.yml" }]);

  sim.createRepo({ owner: "acme", name: "db", files: { ".github/ims.yml": "_extends: hidden-policies\n" } });
  const hidden = await exportCli(["acme/db"]);
  expect(hidden.code).toBe(1);
  expect(hidden.stderr).toMatch(/acme\/db:\.github\/ims\.yml extends acme\/hidden-policies:\.github\/ims\.yml, which the app reads, but this token gets 404 for the repository acme\/hidden-policies/);
});

it("an unparsable .github/ims.yml is an error in the export's output, recorded as invalid in the bundle and shown in the report, never silently the defaults", async () => {
  sim.createRepo({ owner: "acme", name: "db", files: { ".github/ims.yml": "sla:\n  targets: [unclosed\n" } });
  const r = await exportCli(["acme/db"]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/error: acme\/db: \.github\/ims\.yml is invalid \(acme\/db:\.github\/ims\.yml is not valid YAML: [^)]+\); its records are judged by the built-in defaults, as the app judges them \(its IMS \/ config check fails\)/);
  expect(r.manifest.configs).toEqual([
    expect.objectContaining({ repo: "acme/db", judgedBy: "defaults", files: ["acme/db:.github/ims.yml"], invalid: expect.stringMatching(/^acme\/db:\.github\/ims\.yml is not valid YAML: /) }),
  ]);
  expect(r.report).toMatch(/<td>acme\/db<\/td><td>built-in defaults <span class="gap">\(the config is invalid\)<\/span>/);
});

it("a config that parses but breaks the schema is recorded as invalid too, with the app's reason", async () => {
  sim.createRepo({ owner: "acme", name: "db", files: { ".github/ims.yml": "sla:\n  targets: 12\n" } });
  const r = await exportCli(["acme/db"]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/error: acme\/db: \.github\/ims\.yml is invalid \(sla\.targets: /);
  expect(r.manifest.configs[0]).toMatchObject({ judgedBy: "defaults", invalid: expect.stringMatching(/^sla\.targets: /) });
});
