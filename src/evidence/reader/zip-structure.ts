import type { FileHandle } from "node:fs/promises";
import type { Failure } from "./types.js";

/** One zip entry as the central directory and its local header agree it is. */
export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Where the compressed bytes start. */
  dataStart: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

async function readAt(fh: FileHandle, at: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, at);
  return buf.subarray(0, bytesRead);
}

/**
 * Parses a zip strictly: one end record at the very end, a central directory right before it, and
 * local entries that fill the file from byte 0 with no gap, each agreeing field by field with its
 * central record. Anything else is a problem, so no byte of the container goes unchecked by structure
 * or by the content hashes. No ZIP64 (bundles over 4 GiB are out of scope).
 */
export async function readZipStructure(fh: FileHandle, fileSize: number): Promise<{ entries: ZipEntry[]; problems: Failure[] }> {
  const problems: Failure[] = [];
  const fail = (problem: string, file?: string) => problems.push(file ? { file, problem } : { problem });
  if (fileSize < 22) return { entries: [], problems: [{ problem: "not a zip file (too short)" }] };
  const end = await readAt(fh, fileSize - 22, 22);
  if (end.readUInt32LE(0) !== EOCD) return { entries: [], problems: [{ problem: "not a zip file, or it has a comment or trailing data" }] };
  const count = end.readUInt16LE(10);
  const cdSize = end.readUInt32LE(12);
  const cdOffset = end.readUInt32LE(16);
  if (end.readUInt16LE(4) !== 0 || end.readUInt16LE(6) !== 0 || end.readUInt16LE(8) !== count || end.readUInt16LE(20) !== 0) {
    fail("zip end record is inconsistent (multi-disk, count or comment)");
  }
  if (cdOffset + cdSize !== fileSize - 22) return { entries: [], problems: [...problems, { problem: "zip central directory is not where the end record says" }] };
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let at = 0;
  let expectedLocal = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL) {
      fail(`zip central directory entry ${i + 1} is damaged`);
      return { entries, problems };
    }
    const nameLen = cd.readUInt16LE(at + 28);
    const extraLen = cd.readUInt16LE(at + 30);
    const commentLen = cd.readUInt16LE(at + 32);
    const name = cd.subarray(at + 46, at + 46 + nameLen).toString("utf8");
    const central = cd.subarray(at, at + 46);
    const extra = cd.subarray(at + 46 + nameLen, at + 46 + nameLen + extraLen);
    at += 46 + nameLen + extraLen + commentLen;
    const flags = central.readUInt16LE(8);
    const e: ZipEntry = {
      name,
      method: central.readUInt16LE(10),
      crc: central.readUInt32LE(16),
      compressedSize: central.readUInt32LE(20),
      size: central.readUInt32LE(24),
      dataStart: 0,
    };
    const localOffset = central.readUInt32LE(42);
    if (commentLen || central.readUInt16LE(34) !== 0) fail("zip entry has a comment or a disk number", name);
    // the writer makes no extra fields; their bytes would be covered by no hash
    if (extraLen) fail("zip entry has extra fields (bytes no hash covers)", name);
    if (e.method !== 0 && e.method !== 8) fail(`zip entry uses compression method ${e.method}`, name);
    if (localOffset !== expectedLocal) fail(`zip entry is not where expected (gap or overlap at byte ${expectedLocal})`, name);
    const local = await readAt(fh, localOffset, 30 + nameLen + extraLen);
    const same =
      local.length === 30 + nameLen + extraLen &&
      local.readUInt32LE(0) === LOCAL &&
      local.subarray(4, 14).equals(central.subarray(6, 16)) &&
      local.readUInt16LE(26) === nameLen &&
      local.readUInt16LE(28) === extraLen &&
      local.subarray(30, 30 + nameLen).toString("utf8") === name &&
      local.subarray(30 + nameLen).equals(extra);
    if (!same) fail("zip local header does not match the central directory", name);
    e.dataStart = localOffset + 30 + nameLen + extraLen;
    let next = e.dataStart + e.compressedSize;
    if (flags & 8) {
      if (local.length >= 26 && !local.subarray(14, 26).equals(Buffer.alloc(12))) fail("zip local header sizes must be zero with a data descriptor", name);
      const d = await readAt(fh, next, 16);
      const ok = d.length === 16 && d.readUInt32LE(0) === DESCRIPTOR && d.subarray(4, 16).equals(central.subarray(16, 28));
      if (!ok) fail("zip data descriptor does not match the central directory", name);
      next += 16;
    } else if (local.length >= 26 && !local.subarray(14, 26).equals(central.subarray(16, 28))) {
      fail("zip local header sizes do not match the central directory", name);
    }
    expectedLocal = next;
    entries.push(e);
  }
  if (at !== cd.length) fail("zip central directory has extra bytes");
  if (expectedLocal !== cdOffset) fail("zip has bytes between the last entry and the central directory");
  return { entries, problems };
}
