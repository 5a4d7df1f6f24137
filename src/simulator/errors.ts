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
