/** An error the simulator answers the way GitHub does: status, message, optional validation errors. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Array<Record<string, unknown>>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * A read of an issue transferred to another repository: GitHub answers `301 Moved Permanently` with
 * a `Location` of the same path under the issue's new place (the server builds it from the request).
 */
export class MovedIssue extends HttpError {
  constructor(
    readonly from: { repo: string; number: number },
    readonly to: { repo: string; number: number },
  ) {
    super(301, "Moved Permanently");
  }
}

export const DOCS = "https://docs.github.com/rest";

export function notFound(message = "Not Found"): HttpError {
  return new HttpError(404, message);
}

export function validation(resource: string, field: string, code: string, message?: string): HttpError {
  const error: Record<string, unknown> = { resource, field, code };
  if (message) error.message = message;
  return new HttpError(422, "Validation Failed", [error]);
}

export function errorBody(err: HttpError): Record<string, unknown> {
  const body: Record<string, unknown> = { message: err.message, documentation_url: DOCS };
  if (err.errors) body.errors = err.errors;
  body.status = String(err.status);
  return body;
}
