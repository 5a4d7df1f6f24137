import type { Stack } from "../../src/demo/stack.js";
import { contentKey } from "../../src/github/content-pacing.js";
import { ALERT_CONTENT_PER_MINUTE } from "../../src/store/areas.js";
import { ContentLedger } from "../../src/store/content-ledger.js";

/** Spends the installation's whole minute share of alert records in its content ledger: every record opened now is deferred. */
export async function fillAlertShare(stack: Stack): Promise<void> {
  await new ContentLedger(stack.store).count(contentKey(stack.sim.core.app.installationId), stack.sim.clock.now().getTime(), ALERT_CONTENT_PER_MINUTE);
}
