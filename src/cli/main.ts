#!/usr/bin/env node
import { runCli } from "./program.js";

/** Entry point of the `ims-bot` command. */
process.exitCode = await runCli(process.argv.slice(2), {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  env: process.env,
});
