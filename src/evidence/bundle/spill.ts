import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** Lines of a spill file, one at a time (spill files hold one JSON value per line). */
export async function* readLines(file: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  for await (const line of rl) if (line) yield line;
}
