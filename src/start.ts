#!/usr/bin/env node
/** `npm start`'s entry: `node lib/start.js ./lib/index.js [probot run options]` (see ops/start.ts). */
import { start } from "./ops/start.js";

await start(process.argv.slice(2));
