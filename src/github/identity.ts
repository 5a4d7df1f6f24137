import type { Probot } from "probot";

/** The app's own bot login, learnt once per app instance. */
export type BotIdentity = () => Promise<string | null>;

/**
 * The app's own bot login (`<slug>[bot]`), read once per app with the app's JWT (`GET /app`, not
 * counted against an installation's rate limit); `IMS_BOT_LOGIN` saves even that call. A failed read
 * is tried again on the next event.
 */
export function botIdentity(app: Probot): BotIdentity {
  let login: Promise<string | null> | null = null;
  return () => {
    if (process.env.IMS_BOT_LOGIN) return Promise.resolve(process.env.IMS_BOT_LOGIN);
    login ??= (async () => {
      try {
        const octokit = await app.auth();
        const { data } = await octokit.rest.apps.getAuthenticated();
        return data?.slug ? `${data.slug}[bot]` : null;
      } catch (error) {
        app.log.warn({ err: error }, "could not read the app's own identity (GET /app); own events are handled again, harmlessly");
        login = null;
        return null;
      }
    })();
    return login;
  };
}
