import { stat } from "node:fs/promises";
import { openDir } from "./dir.js";
import type { BundleReader } from "./types.js";
import { openZip } from "./zip.js";

/** Opens a bundle, a folder or a .zip. */
export async function openBundle(target: string): Promise<BundleReader> {
  const s = await stat(target).catch(() => null);
  if (!s) throw new Error(`${target}: no such bundle (give the .zip file or the bundle folder)`);
  return s.isDirectory() ? openDir(target) : openZip(target);
}

/** The bytes of a bundle's manifest.json (for chaining and verification). */
export async function readManifestBytes(target: string): Promise<Buffer> {
  const b = await openBundle(target);
  try {
    if (!b.paths.includes("manifest.json")) throw new Error(`${target}: no manifest.json; is this an ims-bot evidence bundle?`);
    return await b.read("manifest.json");
  } finally {
    await b.close();
  }
}
