import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseExportOptions, type ExportFlags } from "../../src/cli/export-options.js";
import { runCli } from "../../src/cli/program.js";
import { buildBundle, REPO_ROOT, tempDir } from "./helpers.js";
import { FIXED_KEY } from "./fixtures.js";

function io(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), env }, out, err };
}

const flags = (over: Partial<ExportFlags> = {}): ExportFlags => ({
  repo: ["acme/web"],
  from: "2026-03-01",
  to: "2026-03-31",
  out: path.join(tempDir(), "b.zip"),
  format: "zip",
  unsigned: true,
  ...over,
});

describe("ims-bot CLI", () => {
  it("starts with a node shebang (the package bin)", () => {
    expect(readFileSync(path.join(REPO_ROOT, "src/cli/main.ts"), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("keygen writes a 0600 private key and a public key, prints the fingerprint, never overwrites", async () => {
    const dir = tempDir();
    const t = io();
    expect(await runCli(["keygen", "--out", dir], t.io)).toBe(0);
    expect(statSync(path.join(dir, "signing-key.pem")).mode & 0o777).toBe(0o600);
    expect(t.out.join("")).toMatch(/fingerprint: [0-9a-f]{64}/);
    const again = io();
    expect(await runCli(["keygen", "--out", dir], again.io)).toBe(2);
    expect(again.err.join("")).toMatch(/already exists/);
  });

  it("verify exits 0 for a good bundle with the right fingerprint, 1 with the list of failures, 2 on usage errors", async () => {
    const b = await buildBundle();
    const ok = io();
    expect(await runCli(["verify", b.out, "--fingerprint", b.fingerprint!], ok.io)).toBe(0);
    expect(ok.out.join("")).toMatch(/^OK .*signed by key/);
    writeFileSync(path.join(b.out, "records/incidents.csv"), "tampered");
    const bad = io();
    expect(await runCli(["verify", b.out], bad.io)).toBe(1);
    expect(bad.err.join("")).toMatch(/- records\/incidents\.csv: content changed/);
    expect(await runCli(["verify", b.out, "--fingerprint", "xyz"], io().io)).toBe(2);
    expect(await runCli(["verify"], io().io)).toBe(2);
    expect(await runCli(["verify", b.out, "--key", "/nonexistent.pem"], io().io)).toBe(2);
  });

  it("verify of a signed bundle without the key you expect fails, and --trust-bundled-key is named in the output and the JSON", async () => {
    // anyone can make a bundle that is consistent with a key of their own
    const b = await buildBundle();
    const none = io();
    expect(await runCli(["verify", b.out], none.io)).toBe(1);
    expect(none.out.join("")).toBe("");
    expect(none.err.join("")).toMatch(/keys\/signing-key\.pub\.pem: no expected key: .*--fingerprint <hex> .*another channel.* or --key .* or --trust-bundled-key/);
    const unsignedOnly = io();
    expect(await runCli(["verify", b.out, "--allow-unsigned"], unsignedOnly.io)).toBe(1);
    expect(unsignedOnly.err.join("")).toMatch(/no expected key/);
    const trusted = io();
    expect(await runCli(["verify", b.out, "--trust-bundled-key"], trusted.io)).toBe(0);
    expect(trusted.out.join("")).toMatch(/^OK, BUNDLED KEY ONLY .*: \d+ files intact; consistent with the key it carries; the key itself was not checked/);
    const json = io();
    expect(await runCli(["verify", b.out, "--trust-bundled-key", "--json"], json.io)).toBe(0);
    expect(JSON.parse(json.out.join(""))).toMatchObject({ ok: true, keyCheck: "bundled-key-only", note: expect.stringMatching(/the key itself was not checked/), fingerprint: b.fingerprint });
    const pinned = io();
    expect(await runCli(["verify", b.out, "--fingerprint", b.fingerprint!, "--json"], pinned.io)).toBe(0);
    expect(JSON.parse(pinned.out.join(""))).toMatchObject({ ok: true, keyCheck: "expected-fingerprint" });
    const both = io();
    expect(await runCli(["verify", b.out, "--trust-bundled-key", "--fingerprint", b.fingerprint!], both.io)).toBe(2);
    expect(both.err.join("")).toMatch(/--trust-bundled-key conflicts with --key and --fingerprint/);
  });

  it("verify reports an unsigned bundle unless --allow-unsigned", async () => {
    const b = await buildBundle({ signingKey: null });
    const t = io();
    expect(await runCli(["verify", b.out], t.io)).toBe(1);
    expect(t.err.join("")).toMatch(/UNSIGNED/);
    const allowed = io();
    expect(await runCli(["verify", b.out, "--allow-unsigned"], allowed.io)).toBe(0);
    expect(allowed.out.join("")).toMatch(/UNSIGNED/);
  });

  it("the verify command VERIFY.md and report.html give works as written, for a signed and an unsigned bundle", async () => {
    for (const signingKey of [FIXED_KEY, null]) {
      const b = await buildBundle({ signingKey });
      const doc = readFileSync(path.join(b.out, "VERIFY.md"), "utf8").match(/^ims-bot verify BUNDLE\.zip(.*)$/m)?.[1];
      const report = readFileSync(path.join(b.out, "report.html"), "utf8").match(/<code>ims-bot verify BUNDLE\.zip([^<]*)<\/code>/)?.[1];
      expect(report).toBe(doc);
      const args = doc!.trim().split(/\s+/);
      if (signingKey) {
        // as written, it names a placeholder for the fingerprint the auditor was given: never the bundle's own
        expect(args).toEqual(["--fingerprint", "EXPECTED_FINGERPRINT"]);
        const asIs = io();
        expect(await runCli(["verify", b.out, ...args], asIs.io)).toBe(2);
        expect(asIs.err.join("")).toMatch(/replace EXPECTED_FINGERPRINT with the signing key's fingerprint as its owner gave it to you/);
      }
      const t = io();
      const filled = args.map((a) => (a === "EXPECTED_FINGERPRINT" ? b.fingerprint! : a));
      expect(await runCli(["verify", b.out, ...filled], t.io), t.err.join("")).toBe(0);
    }
  });

  it("export validates options, then reaches the exporter (which asks for credentials first)", async () => {
    const t = io();
    const out = path.join(tempDir(), "b.zip");
    expect(await runCli(["export", "--repo", "acme/web", "--from", "2026-03-01", "--to", "2026-03-31", "--out", out, "--unsigned"], t.io)).toBe(1);
    expect(t.err.join("")).toMatch(/no credentials: set GITHUB_TOKEN .* or APP_ID and PRIVATE_KEY/);
    const bad = io();
    expect(await runCli(["export", "--repo", "acme", "--from", "2026-03-01", "--to", "2026-03-31", "--out", out], bad.io)).toBe(2);
    expect(bad.err.join("")).toMatch(/--repo must be owner\/name \(got `acme`\)/);
  });
});

describe("parseExportOptions", () => {
  it("turns dates into a whole-day UTC period and defaults the API URL", () => {
    const o = parseExportOptions(flags({ repo: ["acme/web", "acme/web", "acme/api"] }), {});
    expect(o).toMatchObject({ repos: ["acme/web", "acme/api"], from: "2026-03-01T00:00:00.000Z", to: "2026-03-31T23:59:59.999Z", apiUrl: "https://api.github.com", signingKeyPem: null });
    expect(parseExportOptions(flags({ apiUrl: undefined }), { GITHUB_API_URL: "http://localhost:3000/api/v3/" }).apiUrl).toBe("http://localhost:3000/api/v3");
  });

  it.each([
    [{ repo: [], org: undefined }, /--repo owner\/name .* or --org owner/],
    [{ from: "yesterday" }, /--from must be a date like 2026-03-01/],
    [{ to: "2026-02-30" }, /--to is not a real date/],
    [{ from: "2026-04-01" }, /--from \(2026-04-01\) is after --to/],
    [{ format: "tar" }, /--format must be zip or dir \(got `tar`\)/],
    [{ apiUrl: "not a url" }, /--api-url must be a URL/],
    [{ org: "-bad-" }, /--org must be a GitHub owner name/],
    [{ previous: "/nonexistent.zip" }, /--previous .* does not exist/],
    [{ unsigned: false }, /no signing key: pass --key/],
    [{ unsigned: false, key: "/nonexistent.pem" }, /signing key file .* does not exist/],
  ] as const)("rejects %o with a clear message", (over, message) => {
    expect(() => parseExportOptions(flags(over as Partial<ExportFlags>), {})).toThrow(message);
  });

  it("takes the key from --key or IMS_SIGNING_KEY (PEM text or path), and rejects a non-Ed25519 key", () => {
    const dir = tempDir();
    const file = path.join(dir, "k.pem");
    writeFileSync(file, FIXED_KEY);
    expect(parseExportOptions(flags({ unsigned: false, key: file }), {}).signingKeyPem).toBe(FIXED_KEY);
    expect(parseExportOptions(flags({ unsigned: false }), { IMS_SIGNING_KEY: FIXED_KEY }).signingKeyPem).toBe(FIXED_KEY.trim());
    expect(() => parseExportOptions(flags({ unsigned: true }), { IMS_SIGNING_KEY: FIXED_KEY })).toThrow(/--unsigned conflicts/);
    writeFileSync(file, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    expect(() => parseExportOptions(flags({ unsigned: false, key: file }), {})).toThrow(/not a readable PEM private key/);
  });
});
