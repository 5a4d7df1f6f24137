import { createWriteStream, existsSync, type WriteStream } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import { canonicalJson } from "../bundle/canonical.js";

/**
 * The resume spool of an export: `<out>.partial/`, one folder per repository with the API responses
 * (`raw.jsonl`), the records' merged nodes (`nodes.jsonl`), a small index and a `done.json` marker
 * written last. Re-running the same export reuses every finished repository and re-reads the others;
 * different options refuse to mix with it.
 */
export class Spool {
  private constructor(readonly dir: string) {}

  /** Opens (or starts) the spool for these options; `scope` is what must match to resume. */
  static async open(out: string, scope: Record<string, unknown>): Promise<{ spool: Spool; resumed: string[] }> {
    const dir = `${path.resolve(out)}.partial`;
    const file = path.join(dir, "options.json");
    const want = canonicalJson(scope);
    if (existsSync(file)) {
      const have = await readFile(file, "utf8");
      if (have !== want) {
        throw new Error(`${dir} holds a partial export made with other options (repositories, period or API); run again with the same options to resume it, or delete that folder to start afresh`);
      }
    } else {
      await mkdir(dir, { recursive: true });
      await writeFile(file, want);
    }
    const spool = new Spool(dir);
    const resumed: string[] = [];
    for (const repo of (scope.repos as string[] | undefined) ?? []) if (spool.isDone(repo)) resumed.push(repo);
    return { spool, resumed };
  }

  repoDir(repo: string): string {
    return path.join(this.dir, "repos", repoKey(repo));
  }

  isDone(repo: string): boolean {
    return existsSync(path.join(this.repoDir(repo), "done.json"));
  }

  /** Starts a repository afresh (a half-read one is discarded: reading it again is cheaper than patching). */
  async begin(repo: string): Promise<RepoSpool> {
    const dir = this.repoDir(repo);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    return new RepoSpool(dir);
  }

  /** Where the bundle is built before it moves to --out. */
  get staging(): string {
    return path.join(this.dir, "bundle");
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** File-name-safe key of owner/name (also the prefix of its raw document ids). */
export function repoKey(repo: string): string {
  return repo.replace("/", "__");
}

/** JSON lines written with back-pressure. */
export class JsonLines {
  private readonly stream: WriteStream;
  constructor(file: string) {
    this.stream = createWriteStream(file, { flags: "w" });
  }
  async write(value: unknown): Promise<void> {
    if (!this.stream.write(JSON.stringify(value) + "\n")) await once(this.stream, "drain");
  }
  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, "finish");
  }
}

/** The spool files of one repository while it is read. */
export class RepoSpool {
  readonly raw: JsonLines;
  readonly nodes: JsonLines;
  constructor(readonly dir: string) {
    this.raw = new JsonLines(path.join(dir, "raw.jsonl"));
    this.nodes = new JsonLines(path.join(dir, "nodes.jsonl"));
  }

  /** Closes the files, writes the index, then the completion marker (last: its presence means complete). */
  async finish(index: unknown, summary: unknown): Promise<void> {
    await this.raw.close();
    await this.nodes.close();
    await writeFile(path.join(this.dir, "index.json"), JSON.stringify(index));
    await writeFile(path.join(this.dir, "done.json"), JSON.stringify(summary));
  }

  /** Closes the files of an interrupted read (no marker: the next run reads the repository again). */
  async abandon(): Promise<void> {
    await this.raw.close().catch(() => undefined);
    await this.nodes.close().catch(() => undefined);
  }
}
