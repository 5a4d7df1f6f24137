import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { generateSigningKey } from "../evidence/signing.js";
import { UsageError, type CliIo } from "./usage-error.js";

/** `ims-bot keygen --out DIR`: a new Ed25519 key pair; the private key is written 0600 and never overwritten. */
export async function keygen(dir: string, io: CliIo): Promise<number> {
  const k = generateSigningKey();
  await mkdir(dir, { recursive: true });
  const priv = path.join(dir, "signing-key.pem");
  const pub = path.join(dir, "signing-key.pub.pem");
  try {
    await writeFile(priv, k.privatePem, { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new UsageError(`${priv} already exists; keys are never overwritten (choose another --out)`);
    throw e;
  }
  await writeFile(pub, k.publicPem, { mode: 0o644 });
  io.out(`private key: ${priv} (keep it secret; give it to ims-bot export as --key or IMS_SIGNING_KEY)\n`);
  io.out(`public key:  ${pub}\n`);
  io.out(`fingerprint: ${k.fingerprint}\n`);
  return 0;
}
