import type { Probot } from "probot";

let login: Promise<string | null> | null = null;

/**
 * The app's own bot login (`<slug>[bot]`), read once per process with the app's JWT (`GET /app`,
 * not counted against an installation's rate limit); `IMS_BOT_LOGIN` saves even that call.
 */
export function botLogin(app: Probot): Promise<string | null> {
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
}
