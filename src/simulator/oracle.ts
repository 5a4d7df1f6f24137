/**
 * Checks that tests plug into the simulator to hold it to GitHub's published descriptions: every
 * webhook it emits against GitHub's webhook schemas, every request it receives against GitHub's
 * REST description. The simulator itself ships none of them (the demo runs without; the schemas are
 * test-only packages); test setup installs them with `useOracle` and reads `takeViolations()`.
 */
export interface Oracle {
  /** Problems of one webhook payload ("issues.opened /issue/user: must have required property 'id'"). */
  webhook?(event: string, payload: Record<string, unknown>): string[];
  /** Problems of one request as received over HTTP, or none. */
  request?(req: { method: string; path: string; query: Array<[string, string]>; body: unknown }): string[];
  /** Problems of one JSON response the simulator answers with, or none. */
  response?(res: { method: string; path: string; status: number; body: unknown }): string[];
}

let current: Oracle | null = null;
const violations: string[] = [];

/** Installs `oracle` for every simulator in this process (null turns checking off). */
export function useOracle(oracle: Oracle | null): void {
  current = oracle;
}

/** Returns and forgets the violations seen since the last call. */
export function takeViolations(): string[] {
  return violations.splice(0);
}

export function checkWebhook(event: string, payload: Record<string, unknown>): void {
  if (current?.webhook) violations.push(...current.webhook(event, payload).map((p) => `webhook ${p}`));
}

export function checkRequest(req: { method: string; path: string; query: Array<[string, string]>; body: unknown }): void {
  if (current?.request) violations.push(...current.request(req).map((p) => `request ${p}`));
}

export function checkResponse(res: { method: string; path: string; status: number; body: unknown }): void {
  if (current?.response) violations.push(...current.response(res).map((p) => `response ${p}`));
}
