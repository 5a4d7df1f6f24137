/** An export failure with one line that says what happened and what to do; the CLI prints it and exits 1. */
export class ExportError extends Error {
  constructor(
    message: string,
    /** HTTP status behind it, when there was one (401, 403, 404). */
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = "ExportError";
  }
}

/** What the exporter was doing when GitHub answered, for error messages: "reading acme/web". */
export type Doing = string;

/** The one-line message for an HTTP failure GitHub will not get over by waiting. */
export function httpFailure(status: number, doing: Doing, message: string, repo: string | null): ExportError {
  const said = message ? ` (${message.replace(/\s+/g, " ").slice(0, 160)})` : "";
  if (status === 401) {
    return new ExportError(`GitHub rejected the credentials while ${doing}: 401${said}; set GITHUB_TOKEN to a valid token, or APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) for the GitHub App`, 401);
  }
  if (status === 404) {
    const what = repo ? `repository ${repo}` : "the resource";
    return new ExportError(`${what} was not found while ${doing}: 404${said}; check the name given to --repo/--org, and that the token can see it (GitHub answers 404 for private repositories it cannot read)`, 404);
  }
  if (status === 403) {
    return new ExportError(`no permission while ${doing}: 403${said}; the token needs read access to metadata, issues, pull requests, checks and contents${repo ? ` of ${repo}` : ""} (a GitHub App: install it on the repository with those permissions)`, 403);
  }
  return new ExportError(`GitHub answered ${status} while ${doing}${said}; try again later, or with --api-url pointing at the right API`, status);
}
