import { statusOf } from "./types.js";

/**
 * Did GitHub refuse a write because the repository is archived (read-only)? GitHub answers 403
 * "Repository was archived so is read-only." to every write there; nothing the app can do changes
 * that, so the caller skips the repository instead of failing (or retrying) the delivery. Looks
 * through wrapped errors (`cause`).
 */
export function isArchivedRefusal(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (statusOf(e) === 403 && /archived so is read-only/i.test(String((e as Error).message ?? ""))) return true;
  }
  return false;
}
