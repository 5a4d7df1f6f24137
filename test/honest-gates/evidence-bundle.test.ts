import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { fingerprint, loadPublicKey, publicKeyPem, loadPrivateKey } from "../../src/evidence/signing.js";
import { buildBundle } from "../evidence/helpers.js";
import { FIXED_KEY, keyPair } from "../evidence/fixtures.js";

async function verify(args: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(["verify", ...args], { out: (t) => void (out += t), err: (t) => void (err += t), env: {} });
  return { code, out, err };
}

it("a bundle forged and signed with the forger's own key cannot pass ims-bot verify as OK", async () => {
  // the forger writes whatever records they like and signs with a key of their own: the bundle agrees with itself
  const forger = keyPair();
  const forged = await buildBundle({ signingKey: forger.privatePem });
  const real = fingerprint(loadPublicKey(publicKeyPem(loadPrivateKey(FIXED_KEY))));

  const plain = await verify([forged.out]);
  expect(plain.code).toBe(1);
  expect(plain.out).not.toMatch(/^OK/);
  expect((await verify([forged.out, "--fingerprint", real])).code).toBe(1);
  // the command the forged bundle shows cannot carry the forger's fingerprint for the auditor to copy
  expect(readFileSync(path.join(forged.out, "VERIFY.md"), "utf8")).toMatch(/^ims-bot verify BUNDLE\.zip --fingerprint EXPECTED_FINGERPRINT$/m);
  const trusted = await verify([forged.out, "--trust-bundled-key"]);
  expect(trusted.code).toBe(0);
  expect(trusted.out).toMatch(/^OK, BUNDLED KEY ONLY .*the key itself was not checked.*bundled key [0-9a-f]{64}/);
});
