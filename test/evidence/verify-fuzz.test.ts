import { createHash } from "node:crypto";
import { cpSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import canonicalize from "canonicalize";
import { unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256sumsText } from "../../src/evidence/bundle/manifest.js";
import { signEnvelope, loadPrivateKey, publicKeyPem } from "../../src/evidence/signing.js";
import { verifyBundle, type VerifyResult } from "../../src/evidence/verify.js";
import { buildBundle, tempDir } from "./helpers.js";
import { FIXED_KEY, keyPair } from "./fixtures.js";

const RUNS = { seed: 20260401, numRuns: 60 };
/** The key the fixture bundles are signed with, as an auditor would expect it. */
const EXPECTED = { publicKeyPem: publicKeyPem(loadPrivateKey(FIXED_KEY)) };
let base = "";
let zip = "";
let files: string[] = [];

const walk = (dir: string, rel = ""): string[] =>
  readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(dir, `${rel}${e.name}/`) : [`${rel}${e.name}`]));

function copy(): string {
  const dir = path.join(tempDir("ims-fuzz-"), "b");
  cpSync(base, dir, { recursive: true });
  return dir;
}

function names(r: VerifyResult): (string | undefined)[] {
  return r.failures.map((f) => f.file);
}

beforeAll(async () => {
  base = (await buildBundle()).out;
  zip = (await buildBundle({ format: "zip" })).out;
  files = walk(base).sort();
});

describe("verifyBundle detects tampering (property tests, fixed seed)", () => {
  it("accepts the untouched bundle", async () => {
    expect(await verifyBundle(base, EXPECTED)).toMatchObject({ ok: true, failures: [] });
  });

  it("any single-byte change in any file fails and names that file", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), async (fi, at, xor) => {
        const dir = copy();
        const file = files[fi % files.length]!;
        const buf = readFileSync(path.join(dir, file));
        buf[at % buf.length]! ^= xor;
        writeFileSync(path.join(dir, file), buf);
        const r = await verifyBundle(dir, EXPECTED);
        rmSync(dir, { recursive: true });
        expect(r.ok).toBe(false);
        expect(names(r)).toContain(file);
      }),
      RUNS,
    );
  });

  it("a removed, added or renamed file fails and names it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom("remove", "add", "rename"), fc.stringMatching(/^[a-z]{1,8}$/), async (fi, op, name) => {
        const dir = copy();
        const file = files[fi % files.length]!;
        let named = file;
        if (op === "remove") rmSync(path.join(dir, file));
        if (op === "add") writeFileSync(path.join(dir, (named = `raw/${name}.json`)), "{}");
        if (op === "rename") renameSync(path.join(dir, file), path.join(dir, (named = `${file}.${name}`)));
        const r = await verifyBundle(dir, EXPECTED);
        rmSync(dir, { recursive: true });
        expect(r.ok).toBe(false);
        expect(names(r)).toContain(named);
        if (op === "rename") expect(names(r)).toContain(file);
      }),
      RUNS,
    );
  });

  it("a manifest edit that stays canonical JSON fails naming manifest.json", async () => {
    const edits: ((m: Record<string, any>) => void)[] = [
      (m) => (m.counts.incidents += 1),
      (m) => (m.generatedAt = "2020-01-01T00:00:00.000Z"),
      (m) => (m.files[0].size += 1),
      (m) => (m.signed = false),
      (m) => (m.previous = { manifestSha256: "0".repeat(64) }),
    ];
    for (const edit of edits) {
      const dir = copy();
      const m = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
      edit(m);
      writeFileSync(path.join(dir, "manifest.json"), canonicalize(m)!);
      const r = await verifyBundle(dir, EXPECTED);
      expect(r.ok, edit.toString()).toBe(false);
      expect(names(r).some((n) => n === "manifest.json" || n === "manifest.sig")).toBe(true);
    }
  });

  it("a signature made with another key fails naming manifest.sig, and an expected key mismatch is reported", async () => {
    const dir = copy();
    const other = keyPair();
    const env = signEnvelope(readFileSync(path.join(dir, "manifest.json")), loadPrivateKey(other.privatePem));
    writeFileSync(path.join(dir, "manifest.sig"), canonicalize(env) + "\n");
    const r = await verifyBundle(dir, EXPECTED);
    expect(r.ok).toBe(false);
    expect(names(r)).toContain("manifest.sig");
    const wrongKey = await verifyBundle(base, { publicKeyPem: other.publicPem });
    expect(wrongKey).toMatchObject({ ok: false, failures: [{ file: "keys/signing-key.pub.pem", problem: expect.stringMatching(/expected key/) }] });
    expect((await verifyBundle(base, { fingerprint: "ab".repeat(32) })).ok).toBe(false);
  });

  it("a re-signed bundle with a swapped key passes only the bundled-key check, not an expected fingerprint", async () => {
    const good = await verifyBundle(base, EXPECTED);
    const r = await verifyBundle(base, { fingerprint: good.fingerprint!.toUpperCase().match(/../g)!.join(":") });
    expect(r.ok).toBe(true);
  });

  it("any single-byte change in the zip is detected, or leaves every extracted file identical", async () => {
    const original = readFileSync(zip);
    const want = unzipSync(original);
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const buf = Buffer.from(original);
        buf[at % buf.length]! ^= xor;
        const file = path.join(tempDir("ims-zipfuzz-"), "b.zip");
        writeFileSync(file, buf);
        const r = await verifyBundle(file, EXPECTED);
        if (!r.ok) return;
        const got = unzipSync(buf);
        expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
        for (const k of Object.keys(want)) expect(Buffer.from(got[k]!).equals(Buffer.from(want[k]!)), k).toBe(true);
      }),
      { seed: 7, numRuns: Number(process.env.ZIP_FUZZ_RUNS ?? 150) },
    );
  });

  it("a forged manifest that names a signing key file the bundle lacks fails, even when the hashes are consistent", async () => {
    const dir = copy();
    writeFileSync(path.join(dir, "records/incidents.csv"), "forged\n");
    const m = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
    const entry = m.files.find((f: { path: string }) => f.path === "records/incidents.csv");
    entry.sha256 = createHash("sha256").update("forged\n").digest("hex");
    entry.size = 7;
    m.signing.publicKey = "keys/elsewhere.pem";
    const sums = sha256sumsText(m.files);
    writeFileSync(path.join(dir, "SHA256SUMS"), sums);
    m.sha256sums = createHash("sha256").update(sums).digest("hex");
    writeFileSync(path.join(dir, "manifest.json"), canonicalize(m)!);
    const r = await verifyBundle(dir, EXPECTED);
    expect(r.ok).toBe(false);
    expect(names(r)).toContain("keys/elsewhere.pem");
    const withKey = await verifyBundle(dir, { publicKeyPem: publicKeyPem(loadPrivateKey(FIXED_KEY)) });
    expect(withKey.ok).toBe(false);
  });

  it("a zip with an added directory entry (data hidden in it, a traversing name) fails and names it", async () => {
    const files = unzipSync(readFileSync(zip));
    expect((await verifyBundle(zip, EXPECTED)).ok).toBe(true);
    const evil = path.join(tempDir("ims-zipdir-"), "b.zip");
    writeFileSync(evil, zipSync({ ...files, "../../evil/": new TextEncoder().encode("hidden payload") }));
    const r = await verifyBundle(evil, EXPECTED);
    expect(r.ok).toBe(false);
    expect(names(r)).toContain("../../evil/");
  });

  it("a manifest that says signed but names no key is not accepted as signed, even with --allow-unsigned", async () => {
    const dir = copy();
    const m = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
    m.signing = null;
    writeFileSync(path.join(dir, "manifest.json"), canonicalize(m)!);
    const r = await verifyBundle(dir, { allowUnsigned: true });
    expect(r).toMatchObject({ ok: false, signed: false, fingerprint: null });
    expect(names(r)).toContain("manifest.json");
  });

  it("a zip entry carrying extra-field bytes (covered by no hash) fails and names the entry", async () => {
    const files = unzipSync(readFileSync(zip));
    const hidden = path.join(tempDir("ims-zipextra-"), "b.zip");
    const extra = { 0xcafe: new TextEncoder().encode("hidden payload") };
    writeFileSync(hidden, zipSync({ ...files, "VERIFY.md": [files["VERIFY.md"]!, { extra }] }));
    expect(Buffer.from(unzipSync(readFileSync(hidden))["VERIFY.md"]!).equals(Buffer.from(files["VERIFY.md"]!))).toBe(true);
    const r = await verifyBundle(hidden, EXPECTED);
    expect(r.ok).toBe(false);
    expect(names(r)).toContain("VERIFY.md");
  });

  it("an edited record file is the only failure, named", async () => {
    const dir = copy();
    writeFileSync(path.join(dir, "records/problems.csv"), readFileSync(path.join(dir, "records/problems.csv"), "utf8").replace("Payment", "Paymant"));
    const r = await verifyBundle(dir, EXPECTED);
    expect(r.failures).toEqual([{ file: "records/problems.csv", problem: expect.stringMatching(/content changed/) }]);
  });
});
