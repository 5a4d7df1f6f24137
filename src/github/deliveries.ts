/** Named limit: delivery ids remembered per process to drop redelivered webhooks before any API call. */
export const DELIVERY_MEMORY = 10_000;

const done = new Map<string, true>();
const inFlight = new Set<string>();

/**
 * Claims a delivery for handling; false when the same delivery id was already handled (or is being
 * handled) by this process. A second instance still changes nothing: every write is a diff.
 */
export function claimDelivery(id: string | undefined): boolean {
  if (!id) return true;
  if (done.has(id) || inFlight.has(id)) return false;
  inFlight.add(id);
  return true;
}

/** Marks a claimed delivery handled (success) or releases it so a redelivery can retry (failure). */
export function settleDelivery(id: string | undefined, ok: boolean): void {
  if (!id) return;
  inFlight.delete(id);
  if (!ok) return;
  done.set(id, true);
  if (done.size > DELIVERY_MEMORY) done.delete(done.keys().next().value!);
}

/** Forgets every delivery (a process restart, in tests). */
export function forgetDeliveries(): void {
  done.clear();
  inFlight.clear();
}
