import { createHash, type Hash } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

const CHUNK = 64 * 1024;

/** What a finished bundle file is: bundle path, SHA-256 and size. */
export interface FileDigest {
  path: string;
  sha256: string;
  size: number;
}

/** A file written in order with backpressure, hashed as it is written; small writes are batched. */
export class HashedSink {
  private readonly stream: WriteStream;
  private readonly hash: Hash = createHash("sha256");
  private size = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** `file` on disk, `path` as named in the bundle. */
  constructor(file: string, readonly path: string) {
    this.stream = createWriteStream(file);
  }

  /** Appends text (UTF-8) or bytes. */
  async write(data: string | Buffer): Promise<void> {
    const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (this.pendingBytes >= CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const buf = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.hash.update(buf);
    this.size += buf.length;
    if (!this.stream.write(buf)) await once(this.stream, "drain");
  }

  /** Flushes, closes and returns the digest. */
  async close(): Promise<FileDigest> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
    return { path: this.path, sha256: this.hash.digest("hex"), size: this.size };
  }
}

/** A JSON array written element by element: `[\n<e>,\n<e>\n]\n`. */
export class JsonArraySink {
  private count = 0;
  constructor(private readonly sink: HashedSink) {}

  async open(): Promise<void> {
    await this.sink.write("[");
  }

  /** Appends one element. */
  async push(value: unknown): Promise<void> {
    await this.sink.write((this.count++ === 0 ? "\n" : ",\n") + JSON.stringify(value));
  }

  get length(): number {
    return this.count;
  }

  async close(): Promise<FileDigest> {
    await this.sink.write(this.count ? "\n]\n" : "]\n");
    return this.sink.close();
  }
}
