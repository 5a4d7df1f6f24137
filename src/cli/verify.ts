import { existsSync, readFileSync } from "node:fs";
import { verifyBundle, type VerifyResult } from "../evidence/verify.js";
import { FINGERPRINT_PLACEHOLDER } from "../evidence/verify-doc.js";
import { UsageError, type CliIo } from "./usage-error.js";

export interface VerifyFlags {
  key?: string;
  fingerprint?: string;
  trustBundledKey?: boolean;
  previous?: string;
  allowUnsigned?: boolean;
  json?: boolean;
}

/**
 * `ims-bot verify FILE`: 0 when every check holds, 1 with the list of failures otherwise (2: usage).
 * A signed bundle passes only against the key or fingerprint the caller expects, or with
 * --trust-bundled-key, which the output then names: a bundle is always consistent with its own key.
 */
export async function verifyCommand(file: string, flags: VerifyFlags, io: CliIo): Promise<number> {
  if (flags.key !== undefined && !existsSync(flags.key)) throw new UsageError(`--key ${flags.key} does not exist`);
  if (flags.fingerprint === FINGERPRINT_PLACEHOLDER) {
    throw new UsageError(`replace ${FINGERPRINT_PLACEHOLDER} with the signing key's fingerprint as its owner gave it to you, by another channel than the bundle (64 hex digits)`);
  }
  if (flags.fingerprint !== undefined && !/^[0-9a-f]{64}$/.test(flags.fingerprint.toLowerCase().replace(/:/g, ""))) {
    throw new UsageError(`--fingerprint must be 64 hex digits (SHA-256 of the public key DER) (got \`${flags.fingerprint}\`)`);
  }
  if (flags.trustBundledKey && (flags.key !== undefined || flags.fingerprint !== undefined)) {
    throw new UsageError("--trust-bundled-key conflicts with --key and --fingerprint: give the key you expect, or accept the bundled one, not both");
  }
  if (flags.previous !== undefined && !existsSync(flags.previous)) throw new UsageError(`--previous ${flags.previous} does not exist`);
  let publicKeyPem: string | undefined;
  if (flags.key !== undefined) publicKeyPem = readFileSync(flags.key, "utf8");
  const r = await verifyBundle(file, {
    ...(publicKeyPem ? { publicKeyPem } : {}),
    ...(flags.fingerprint ? { fingerprint: flags.fingerprint } : {}),
    ...(flags.previous ? { previous: flags.previous } : {}),
    allowUnsigned: flags.allowUnsigned ?? false,
    trustBundledKey: flags.trustBundledKey ?? false,
  });
  if (flags.json) io.out(JSON.stringify(r, null, 2) + "\n");
  else if (r.ok) {
    const chain = flags.previous ? "; chain link to the previous bundle holds" : "";
    io.out(`${r.keyCheck === "bundled-key-only" ? "OK, BUNDLED KEY ONLY" : "OK"} ${file}: ${r.files} files intact; ${signature(r)}${chain}\n`);
  }
  else {
    io.err(`FAILED ${file}: ${r.failures.length} problem(s)\n`);
    for (const f of r.failures) io.err(`- ${f.file ? `${f.file}: ` : ""}${f.problem}\n`);
  }
  return r.ok ? 0 : 1;
}

function signature(r: VerifyResult): string {
  if (r.keyCheck === "bundled-key-only") return `${r.note}; bundled key ${r.fingerprint}`;
  if (r.keyCheck === "unsigned") return r.note;
  return `signed by key ${r.fingerprint}, ${r.keyCheck === "expected-key" ? "the key you expected (--key)" : "the fingerprint you expected (--fingerprint)"}`;
}
