import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildBundle, extractZip } from "./helpers.js";

const has = (bin: string) => spawnSync("sh", ["-c", `command -v ${bin}`]).status === 0;
const tools = has("openssl") && has("sha256sum") && has("bash");
if (!tools) console.log(`shell-verify: skipped because ${["openssl", "sha256sum", "bash"].filter((b) => !has(b)).join(", ")} not on PATH`);
const mustRun = tools || !!process.env.CI;

/** The sh block of VERIFY.md, exactly as an auditor would copy it. */
function verifyScript(dir: string): string {
  const doc = readFileSync(path.join(dir, "VERIFY.md"), "utf8");
  const blocks = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const script = blocks.find((b) => b.includes("sha256sum -c"));
  if (!script) throw new Error("VERIFY.md has no sha256sum/openssl block");
  return script;
}

const run = (dir: string, script: string) => spawnSync("bash", ["-c", script], { cwd: dir, encoding: "utf8" });

describe.skipIf(!mustRun)("VERIFY.md commands (sha256sum + openssl alone)", () => {
  it("`sha256sum -c SHA256SUMS` accepts an extracted bundle", async () => {
    const dir = extractZip((await buildBundle({ format: "zip" })).out);
    expect(execFileSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: dir, encoding: "utf8" })).toMatch(/records\/incidents\.json: OK/);
  });

  it("the VERIFY.md script verifies signature, key fingerprint and files of an extracted bundle", async () => {
    const b = await buildBundle({ format: "zip" });
    const dir = extractZip(b.out);
    const r = run(dir, verifyScript(dir));
    expect(r.stderr + r.stdout).toContain("Signature Verified Successfully");
    expect(r.stdout.trim().split("\n").at(-1)).toBe(b.fingerprint);
    expect(r.status).toBe(0);
  });

  it("the VERIFY.md script fails when a file changes, a file is added, or the manifest is edited", async () => {
    const b = await buildBundle({ format: "zip" });
    const tamper: ((dir: string) => void)[] = [
      (d) => writeFileSync(path.join(d, "records/changes.csv"), readFileSync(path.join(d, "records/changes.csv"), "utf8").replace("carol", "mallory")),
      (d) => writeFileSync(path.join(d, "records/extra.json"), "{}"),
      (d) => writeFileSync(path.join(d, "manifest.json"), readFileSync(path.join(d, "manifest.json"), "utf8").replace('"incidents":4', '"incidents":5')),
    ];
    for (const t of tamper) {
      const dir = extractZip(b.out);
      t(dir);
      expect(run(dir, verifyScript(dir)).status).not.toBe(0);
    }
  });

  it("the VERIFY.md script fails on an extra file anywhere, also one named like the bundle's own top-level files", async () => {
    for (const signingKey of [undefined, null]) {
      const b = await buildBundle({ format: "zip", ...(signingKey === null ? { signingKey } : {}) });
      const extra: [string, (dir: string) => void][] = [
        ["records/manifest.json", (d) => writeFileSync(path.join(d, "records/manifest.json"), "{}")],
        ["raw/SHA256SUMS", (d) => writeFileSync(path.join(d, "raw/SHA256SUMS"), "")],
        ["records/manifest.sig", (d) => writeFileSync(path.join(d, "records/manifest.sig"), "{}")],
        ["a symbolic link", (d) => symlinkSync("/etc/hostname", path.join(d, "records/link.json"))],
        // `find` prints it as two lines naming a listed file: counted with `uniq -u`, the copies cancel out
        ["a name with a newline repeating a listed file", (d) => writeFileSync(path.join(d, "report.html\nreport.html"), "<p>forged</p>")],
        ...(signingKey === null ? ([["manifest.sig in an unsigned bundle", (d: string) => writeFileSync(path.join(d, "manifest.sig"), "{}")]] as [string, (dir: string) => void][]) : []),
      ];
      for (const [what, add] of extra) {
        const dir = extractZip(b.out);
        add(dir);
        const r = run(dir, verifyScript(dir));
        expect(r.status, `${signingKey === null ? "unsigned" : "signed"}: ${what}`).not.toBe(0);
        expect(r.stdout, what).toMatch(/missing or extra/);
      }
    }
  });

  it("an unsigned bundle's VERIFY.md checks files and says it is unsigned", async () => {
    const b = await buildBundle({ format: "zip", signingKey: null });
    const dir = extractZip(b.out);
    const r = run(dir, verifyScript(dir));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/UNSIGNED/);
  });
});
