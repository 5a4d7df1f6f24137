import { expect, it } from "vitest";
import { parseAlertState } from "../../src/alerts/state-marker.js";

const marker = (o: Record<string, unknown>) => `body\n<!-- ims-alert-state ${encodeURIComponent(JSON.stringify(o))} -->`;
const base = { source: "dependabot", number: 3, url: "u", severity: "high", subject: "s", package: "npm/x", state: "fixed", dismissedBy: null, reason: null, comment: null, lacks: null };

it("a marker written before the app kept the alert's times reads as unknown times, so the exporter falls back to the record's opening", () => {
  expect(parseAlertState(marker(base))).toMatchObject({ number: 3, raisedAt: null, endedAt: null });
});

it("the alert's raised and ended times are read back as GitHub wrote them; a value that is no time counts as unknown", () => {
  expect(parseAlertState(marker({ ...base, raisedAt: "2026-03-02T09:00:00Z", endedAt: "2026-03-12T09:00:00Z" }))).toMatchObject({ raisedAt: "2026-03-02T09:00:00Z", endedAt: "2026-03-12T09:00:00Z" });
  expect(parseAlertState(marker({ ...base, raisedAt: "yesterday", endedAt: 5 }))).toMatchObject({ raisedAt: null, endedAt: null });
});
