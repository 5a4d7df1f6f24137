import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "./bundle/canonical.js";
import { FINGERPRINT_PATH, MANIFEST_FORMAT, MANIFEST_PATH, SIGNATURE_PATH, SUMS_PATH, sha256sumsText, type Manifest } from "./bundle/manifest.js";
import { openBundle, readManifestBytes } from "./reader/open.js";
import { EntryError, unsafePath, type BundleReader, type Failure } from "./reader/types.js";
import { fingerprint, loadPublicKey, MANIFEST_PAYLOAD_TYPE, verifyEnvelope, type DsseEnvelope } from "./signing.js";

export type { Failure } from "./reader/types.js";

export interface VerifyOptions {
  /** The public key PEM the bundle must be signed with. */
  publicKeyPem?: string;
  /** The hex SHA-256 fingerprint the signing key must have. */
  fingerprint?: string;
  /** The previous bundle (zip or folder) this one must chain to. */
  previous?: string;
  /** Accept a bundle without signature (it is still reported as unsigned). */
  allowUnsigned?: boolean;
  /**
   * Accept a signature by whatever key the bundle carries. That proves only that the bundle is
   * consistent with that key: whoever made the bundle chose it. Without this, a signed bundle needs
   * `publicKeyPem` or `fingerprint`.
   */
  trustBundledKey?: boolean;
}

/**
 * What the signature was checked against: the key or fingerprint the caller expected, only the key
 * inside the bundle, or nothing (unsigned, or the check did not get that far).
 */
export type KeyCheck = "expected-key" | "expected-fingerprint" | "bundled-key-only" | "unsigned" | "not-checked";

export interface VerifyResult {
  ok: boolean;
  signed: boolean;
  fingerprint: string | null;
  files: number;
  /** What the signature was checked against; `note` says it in words. */
  keyCheck: KeyCheck;
  note: string;
  failures: Failure[];
}

const NOTES: Record<KeyCheck, string> = {
  "expected-key": "signed by the key you expected (--key)",
  "expected-fingerprint": "signed by the key whose fingerprint you expected (--fingerprint)",
  "bundled-key-only": "consistent with the key it carries; the key itself was not checked (compare its fingerprint with the one its owner gave you by another channel)",
  unsigned: "UNSIGNED: nothing shows who made it",
  "not-checked": "the signature was not checked",
};

/** The hint every "which key" message ends with. */
export const EXPECT_KEY_HINT =
  "pass --fingerprint <hex> (the fingerprint the key's owner gave you by another channel than the bundle) or --key <public key PEM>, or --trust-bundled-key to accept the key the bundle carries";

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const ManifestShape = z.looseObject({
  format: z.literal(MANIFEST_FORMAT),
  signed: z.boolean(),
  signing: z.looseObject({ keyId: Hex64, publicKey: z.string() }).nullable(),
  previous: z.looseObject({ manifestSha256: Hex64 }).nullable(),
  sha256sums: Hex64,
  files: z.array(z.strictObject({ path: z.string().min(1), sha256: Hex64, size: z.number().int().min(0) })),
});
const Envelope = z.strictObject({
  payload: z.string(),
  payloadType: z.string(),
  signatures: z.array(z.strictObject({ keyid: z.string(), sig: z.string() })).min(1),
});

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
const normaliseFp = (fp: string) => fp.toLowerCase().replace(/[^0-9a-f]/g, "");

/** Checks a bundle: every hash and size, no file missing or extra, the signature and key, and the chain. */
export async function verifyBundle(target: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  let bundle: BundleReader;
  try {
    bundle = await openBundle(target);
  } catch (e) {
    return { ok: false, signed: false, fingerprint: null, files: 0, keyCheck: "not-checked", note: NOTES["not-checked"], failures: [{ problem: (e as Error).message }] };
  }
  try {
    return await check(bundle, options);
  } catch (e) {
    const file = e instanceof EntryError ? e.file : undefined;
    const failure = { ...(file ? { file } : {}), problem: `unreadable: ${(e as Error).message}` };
    return { ok: false, signed: false, fingerprint: null, files: bundle.paths.length, keyCheck: "not-checked", note: NOTES["not-checked"], failures: [...bundle.problems, failure] };
  } finally {
    await bundle.close();
  }
}

async function check(bundle: BundleReader, options: VerifyOptions): Promise<VerifyResult> {
  const failures: Failure[] = [...bundle.problems];
  const result = (signed: boolean, fp: string | null, keyCheck: KeyCheck = "not-checked"): VerifyResult => ({
    ok: failures.length === 0,
    signed,
    fingerprint: fp,
    files: bundle.paths.length,
    keyCheck,
    note: NOTES[keyCheck],
    failures,
  });
  for (const p of bundle.paths) if (unsafePath(p)) failures.push({ file: p, problem: "unsafe file name" });
  if (!bundle.paths.includes(MANIFEST_PATH)) {
    failures.push({ file: MANIFEST_PATH, problem: "missing: is this an ims-bot evidence bundle?" });
    // without the manifest nothing here can be checked (a renamed manifest is among these): say so for each file
    for (const p of bundle.paths) failures.push({ file: p, problem: "not verifiable: the bundle has no manifest.json" });
    return result(false, null);
  }
  const manifestBytes = await bundle.read(MANIFEST_PATH);
  let manifest: Manifest;
  try {
    const parsed: unknown = JSON.parse(manifestBytes.toString("utf8"));
    manifest = ManifestShape.parse(parsed) as unknown as Manifest;
    if (canonicalJson(parsed) !== manifestBytes.toString("utf8")) failures.push({ file: MANIFEST_PATH, problem: "is not RFC 8785 canonical JSON" });
  } catch (e) {
    failures.push({ file: MANIFEST_PATH, problem: `unreadable manifest: ${(e as Error).message.slice(0, 300)}` });
    return result(false, null);
  }
  const expected = new Map(manifest.files.map((f) => [f.path, f]));
  const special = new Set([MANIFEST_PATH, SUMS_PATH, ...(manifest.signed ? [SIGNATURE_PATH] : [])]);
  const present = new Set(bundle.paths);
  for (const p of bundle.paths) if (!expected.has(p) && !special.has(p)) failures.push({ file: p, problem: "extra file: not in the manifest" });
  for (const p of [...expected.keys(), ...special]) if (!present.has(p)) failures.push({ file: p, problem: "missing: listed in the manifest" });
  const digests = await bundle.hashAll(new Set([...expected.keys()].filter((p) => present.has(p))));
  for (const [p, d] of digests) {
    const want = expected.get(p)!;
    if ("error" in d) failures.push({ file: p, problem: `unreadable: ${d.error}` });
    else if (d.sha256 !== want.sha256 || d.size !== want.size) {
      failures.push({ file: p, problem: `content changed: SHA-256 ${d.sha256} (${d.size} bytes), manifest says ${want.sha256} (${want.size} bytes)` });
    }
  }
  if (present.has(SUMS_PATH)) {
    const sums = await bundle.read(SUMS_PATH);
    if (sha256(sums) !== manifest.sha256sums || sums.toString("utf8") !== sha256sumsText(manifest.files)) {
      failures.push({ file: SUMS_PATH, problem: "does not match the manifest's file list" });
    }
  }
  const fp = await checkSignature(bundle, manifest, manifestBytes, options, failures);
  const signed = manifest.signed && manifest.signing !== null;
  const keyCheck: KeyCheck = !signed ? "unsigned" : fp === null ? "not-checked" : options.publicKeyPem ? "expected-key" : options.fingerprint ? "expected-fingerprint" : "bundled-key-only";
  if (options.previous) {
    try {
      const prev = sha256(await readManifestBytes(options.previous));
      if (manifest.previous?.manifestSha256 !== prev) {
        failures.push({ file: MANIFEST_PATH, problem: `chain broken: previous bundle's manifest is ${prev}, this manifest links ${manifest.previous?.manifestSha256 ?? "nothing"}` });
      }
    } catch (e) {
      failures.push({ problem: `previous bundle: ${(e as Error).message}` });
    }
  }
  return result(signed, fp, keyCheck);
}

async function checkSignature(bundle: BundleReader, manifest: Manifest, manifestBytes: Buffer, options: VerifyOptions, failures: Failure[]): Promise<string | null> {
  const present = new Set(bundle.paths);
  if (!manifest.signed || !manifest.signing) {
    if (manifest.signed) failures.push({ file: MANIFEST_PATH, problem: "says signed but names no signing key" });
    if (!options.allowUnsigned) failures.push({ file: SIGNATURE_PATH, problem: "bundle is UNSIGNED (pass --allow-unsigned to accept that)" });
    if (options.publicKeyPem || options.fingerprint) failures.push({ file: SIGNATURE_PATH, problem: "a signing key was expected but the bundle is UNSIGNED" });
    return null;
  }
  // manifest.sig's absence is already reported as a missing file; the key's must be reported here, or a
  // manifest naming a key file that does not exist would skip every signature check and still pass
  if (!present.has(manifest.signing.publicKey)) failures.push({ file: manifest.signing.publicKey, problem: "missing: the signing key the manifest names" });
  if (!present.has(SIGNATURE_PATH) || !present.has(manifest.signing.publicKey)) return null;
  let fp: string;
  try {
    const key = loadPublicKey((await bundle.read(manifest.signing.publicKey)).toString("utf8"));
    fp = fingerprint(key);
    if (fp !== manifest.signing.keyId) failures.push({ file: manifest.signing.publicKey, problem: `key fingerprint ${fp} is not the manifest's keyId` });
    if (present.has(FINGERPRINT_PATH) && (await bundle.read(FINGERPRINT_PATH)).toString("utf8").trim() !== fp) {
      failures.push({ file: FINGERPRINT_PATH, problem: "does not match the bundled key" });
    }
    const sigText = (await bundle.read(SIGNATURE_PATH)).toString("utf8");
    const parsed: unknown = JSON.parse(sigText);
    const env = Envelope.parse(parsed) as DsseEnvelope;
    // strict encodings: a lenient parser would let a changed byte (whitespace, base64 padding bits) pass
    const canonical = canonicalJson(parsed) + "\n" === sigText && [env.payload, ...env.signatures.map((x) => x.sig)].every((b) => Buffer.from(b, "base64").toString("base64") === b);
    if (!canonical) failures.push({ file: SIGNATURE_PATH, problem: "is not in canonical form (canonical JSON, canonical base64)" });
    if (env.payloadType !== MANIFEST_PAYLOAD_TYPE) failures.push({ file: SIGNATURE_PATH, problem: `payload type is ${env.payloadType}` });
    if (!env.signatures.some((x) => x.keyid === fp)) failures.push({ file: SIGNATURE_PATH, problem: "no signature names the bundled key" });
    if (!verifyEnvelope(env, key)) failures.push({ file: SIGNATURE_PATH, problem: "Ed25519 signature is not valid for the bundled key" });
    else if (!Buffer.from(env.payload, "base64").equals(manifestBytes)) {
      failures.push({ file: MANIFEST_PATH, problem: "changed after signing: differs from the signed payload in manifest.sig" });
    }
  } catch (e) {
    failures.push({ file: SIGNATURE_PATH, problem: `unreadable signature or key: ${(e as Error).message.slice(0, 300)}` });
    return null;
  }
  if (options.publicKeyPem) {
    const want = fingerprint(loadPublicKey(options.publicKeyPem));
    if (want !== fp) failures.push({ file: manifest.signing.publicKey, problem: `signed with key ${fp}, expected key ${want}` });
  }
  if (options.fingerprint && normaliseFp(options.fingerprint) !== fp) {
    failures.push({ file: manifest.signing.publicKey, problem: `signed with key ${fp}, expected fingerprint ${normaliseFp(options.fingerprint)}` });
  }
  // The bundled key proves only that whoever made the bundle had its private half: anyone can make a
  // consistent bundle with a key of their own, so a signature counts only against a key the caller expects.
  if (!options.publicKeyPem && !options.fingerprint && !options.trustBundledKey) {
    failures.push({ file: manifest.signing.publicKey, problem: `no expected key: the signature was checked only against the key inside the bundle; ${EXPECT_KEY_HINT}` });
  }
  return fp;
}
