import { existsSync, readFileSync } from "node:fs";
import { verifyBundle } from "../evidence/verify.js";
import { UsageError, type CliIo } from "./usage-error.js";

export interface VerifyFlags {
  key?: string;
  fingerprint?: string;
  previous?: string;
  allowUnsigned?: boolean;
  json?: boolean;
}

/** `ims-bot verify FILE`: 0 when every check holds, 1 with the list of failures otherwise. */
export async function verifyCommand(file: string, flags: VerifyFlags, io: CliIo): Promise<number> {
  if (flags.key !== undefined && !existsSync(flags.key)) throw new UsageError(`--key ${flags.key} does not exist`);
  if (flags.fingerprint !== undefined && !/^[0-9a-f]{64}$/.test(flags.fingerprint.toLowerCase().replace(/:/g, ""))) {
    throw new UsageError(`--fingerprint must be 64 hex digits (SHA-256 of the public key DER) (got \`${flags.fingerprint}\`)`);
  }
  if (flags.previous !== undefined && !existsSync(flags.previous)) throw new UsageError(`--previous ${flags.previous} does not exist`);
  let publicKeyPem: string | undefined;
  if (flags.key !== undefined) publicKeyPem = readFileSync(flags.key, "utf8");
  const r = await verifyBundle(file, {
    ...(publicKeyPem ? { publicKeyPem } : {}),
    ...(flags.fingerprint ? { fingerprint: flags.fingerprint } : {}),
    ...(flags.previous ? { previous: flags.previous } : {}),
    allowUnsigned: flags.allowUnsigned ?? false,
  });
  if (flags.json) io.out(JSON.stringify(r, null, 2) + "\n");
  else if (r.ok) {
    io.out(`OK ${file}: ${r.files} files intact; ${r.signed ? `signed by key ${r.fingerprint}` : "UNSIGNED"}${flags.previous ? "; chain link to the previous bundle holds" : ""}\n`);
  } else {
    io.err(`FAILED ${file}: ${r.failures.length} problem(s)\n`);
    for (const f of r.failures) io.err(`- ${f.file ? `${f.file}: ` : ""}${f.problem}\n`);
  }
  return r.ok ? 0 : 1;
}
