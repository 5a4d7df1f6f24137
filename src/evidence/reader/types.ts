/** One thing wrong with a bundle, naming the file when there is one. */
export interface Failure {
  file?: string;
  problem: string;
}

export type Digest = { sha256: string; size: number } | { error: string };

/** Read access to a bundle, whether a .zip or a folder. */
export interface BundleReader {
  kind: "zip" | "dir";
  /** Every regular file, bundle-relative with `/` separators. */
  paths: string[];
  /** What is wrong with the container itself (zip structure, odd file types, unsafe names). */
  problems: Failure[];
  /** Whole content of one (small) file. */
  read(file: string): Promise<Buffer>;
  /** SHA-256 and size of each wanted file, streamed. */
  hashAll(files: ReadonlySet<string>): Promise<Map<string, Digest>>;
  close(): Promise<void>;
}

/** Bundle paths are plain relative names: no `..`, no absolute paths, no backslashes. */
export function unsafePath(p: string): boolean {
  return p === "" || p.startsWith("/") || p.includes("\\") || p.split("/").some((s) => s === ".." || s === "." || s === "") || /[\u0000-\u001f]/.test(p);
}

/** A file of the bundle could not be read; names it. */
export class EntryError extends Error {
  constructor(readonly file: string, message: string) {
    super(message);
  }
}
