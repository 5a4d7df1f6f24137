import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";

/** DSSE payload type of a signed bundle manifest. */
export const MANIFEST_PAYLOAD_TYPE = "application/vnd.ims-bot.manifest+json";

/** A DSSE envelope (https://github.com/secure-systems-lab/dsse). */
export interface DsseEnvelope {
  payload: string;
  payloadType: string;
  signatures: { keyid: string; sig: string }[];
}

/** DSSE pre-authentication encoding: `DSSEv1 <len type> <type> <len body> <body>` (lengths in bytes). */
export function pae(payloadType: string, body: Buffer): Buffer {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${body.length} `), body]);
}

/** Key fingerprint: hex SHA-256 of the public key's DER (SubjectPublicKeyInfo). */
export function fingerprint(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256").update(pub.export({ type: "spki", format: "der" })).digest("hex");
}

/** Reads an Ed25519 private key PEM; throws saying what is wrong and how to make one. */
export function loadPrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (e) {
    throw new Error(`signing key is not a readable PEM private key (${(e as Error).message}); create one with \`ims-bot keygen --out DIR\``);
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new Error(`signing key must be Ed25519 (got ${key.asymmetricKeyType}); create one with \`ims-bot keygen --out DIR\``);
  }
  return key;
}

/** Reads an Ed25519 public key PEM. */
export function loadPublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`public key must be Ed25519 (got ${key.asymmetricKeyType})`);
  return key;
}

/** SPKI PEM of a key's public half. */
export function publicKeyPem(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return pub.export({ type: "spki", format: "pem" }).toString();
}

/** A new Ed25519 key pair as PEM (PKCS#8 private, SPKI public). */
export function generateSigningKey(): { privatePem: string; publicPem: string; fingerprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    fingerprint: fingerprint(publicKey),
  };
}

/** Signs a payload into a DSSE envelope with one Ed25519 signature; keyid is the key fingerprint. */
export function signEnvelope(payload: Buffer, key: KeyObject, payloadType = MANIFEST_PAYLOAD_TYPE): DsseEnvelope {
  const sig = sign(null, pae(payloadType, payload), key);
  return {
    payload: payload.toString("base64"),
    payloadType,
    signatures: [{ keyid: fingerprint(key), sig: sig.toString("base64") }],
  };
}

/** True when one of the envelope's signatures is valid for the key. */
export function verifyEnvelope(env: DsseEnvelope, key: KeyObject): boolean {
  const body = Buffer.from(env.payload, "base64");
  const message = pae(env.payloadType, body);
  return env.signatures.some((s) => {
    try {
      return verify(null, message, key, Buffer.from(s.sig, "base64"));
    } catch {
      return false;
    }
  });
}
