import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { writeBundle, type WriteBundleOptions } from "../../src/evidence/bundle/write.js";
import type { BundleSource } from "../../src/evidence/bundle/source.js";
import { FIXED_KEY, GENERATED_AT, smallSource } from "./fixtures.js";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/** A fresh temp folder. */
export function tempDir(prefix = "ims-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Builds a bundle from the small fixture (or a given source) into a new temp path. */
export async function buildBundle(over: Partial<WriteBundleOptions> = {}, source: BundleSource = smallSource()) {
  const format = over.format ?? "dir";
  const out = path.join(tempDir(), format === "zip" ? "bundle.zip" : "bundle");
  const result = await writeBundle(source, { out, format, signingKey: FIXED_KEY, generatedAt: GENERATED_AT, ...over });
  return { ...result, out };
}

/** Extracts a zip (with fflate, reading the central directory as unzip does) into a new folder. */
export function extractZip(zipFile: string): string {
  const dir = tempDir("ims-extract-");
  for (const [name, data] of Object.entries(unzipSync(readFileSync(zipFile)))) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  }
  return dir;
}
