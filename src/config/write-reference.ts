#!/usr/bin/env node
// Regenerates the generated blocks of README.md (npm run docs:config): configuration reference and commands.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { commandsReference } from "../commands/reference.js";
import { configReference } from "./reference.js";

/** The generated blocks: marker name -> content. */
export const BLOCKS: Record<string, () => string> = { "config-reference": configReference, commands: commandsReference };

/** Replaces the text between `<!-- NAME:start ... -->` and `<!-- NAME:end -->`. */
export function replaceBlock(text: string, name: string, content: string): string {
  const start = new RegExp(`<!-- ${name}:start[^>]*-->`).exec(text);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (!start || end < start.index) throw new Error(`README.md has no <!-- ${name}:start --> ... <!-- ${name}:end --> block`);
  return text.slice(0, start.index + start[0].length) + "\n" + content + "\n" + text.slice(end);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = fileURLToPath(new URL("../../README.md", import.meta.url));
  let text = readFileSync(readme, "utf8");
  for (const [name, make] of Object.entries(BLOCKS)) text = replaceBlock(text, name, make());
  writeFileSync(readme, text);
  console.log("README.md generated blocks updated");
}
