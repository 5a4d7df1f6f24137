import { createHash } from "node:crypto";

/** RFC 4122 URL namespace; ims-bot names are `urn:ims-bot:...`. */
const NAMESPACE = Buffer.from("6ba7b8119dad11d180b400c04fd430c8", "hex");

/** RFC 4122 version 5 UUID of a name, so the same content always gets the same id. */
export function uuidV5(name: string, namespace: Buffer = NAMESPACE): string {
  const bytes = createHash("sha1").update(namespace).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
