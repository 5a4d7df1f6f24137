import type { Store } from "../store/index.js";
import { AREAS, DELIVERY_DONE_MS, DELIVERY_IN_FLIGHT_MS } from "../store/areas.js";

export { DELIVERY_MEMORY } from "../store/areas.js";

type DeliveryState = "in-flight" | "done";

const deliveries = (store: Store) => store.area<DeliveryState>("deliveries", AREAS.deliveries);

/**
 * Claims a delivery for handling; false when the same delivery id was already handled (or is being
 * handled) by an app sharing this store. A claim not settled (the holder died) lapses after
 * DELIVERY_IN_FLIGHT_MS. Without a shared store a second instance still changes nothing: every write
 * is a diff.
 */
export async function claimDelivery(store: Store, id: string | undefined): Promise<boolean> {
  if (!id) return true;
  return deliveries(store).setIfAbsent(id, "in-flight", DELIVERY_IN_FLIGHT_MS);
}

/** Marks a claimed delivery handled (success) or releases it so a redelivery can retry (failure). */
export async function settleDelivery(store: Store, id: string | undefined, ok: boolean): Promise<void> {
  if (!id) return;
  if (ok) await deliveries(store).set(id, "done", DELIVERY_DONE_MS);
  else await deliveries(store).delete(id);
}

/**
 * Takes over the claim of a delivery whose worker died while handling it (a stalled queue job): false
 * only when it was in fact finished.
 */
export async function reclaimDelivery(store: Store, id: string | undefined): Promise<boolean> {
  if (!id) return true;
  if ((await deliveries(store).get(id)) === "done") return false;
  await deliveries(store).set(id, "in-flight", DELIVERY_IN_FLIGHT_MS);
  return true;
}
