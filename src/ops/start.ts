import { run, Server } from "probot";
import { withSetupNotice } from "./setup-notice.js";

type HandlerFactory = Parameters<Server["loadHandlerFactory"]>[0];

/**
 * `npm start`: Probot's `probot run <app>`, with one addition in setup mode (no APP_ID or
 * PRIVATE_KEY): the setup page says where webhooks go and, without a proxy channel, the exact webhook
 * URL to set and how to get a channel (ops/setup-notice.ts). Probot builds its setup handler inside
 * `run` (it exports neither the factory nor a hook), so for that one call the handler factory Probot
 * loads is wrapped (the wrapper changes only a page that holds the manifest form, so the running app's
 * own pages are untouched). Usage: `node lib/start.js ./lib/index.js`.
 */
export async function start(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<Server> {
  const load = Server.prototype.loadHandlerFactory;
  Server.prototype.loadHandlerFactory = function (this: Server, factory: HandlerFactory) {
    return load.call(this, async (app, options) => withSetupNotice(await (factory as (...a: Parameters<HandlerFactory>) => Promise<Parameters<typeof withSetupNotice>[0]>)(app, options), env) as never);
  };
  try {
    return await run(argv, { env });
  } finally {
    Server.prototype.loadHandlerFactory = load;
  }
}

