import { describe, expect, it } from "vitest";
import { bodyHash, editVerdict } from "../../src/github/own-writes.js";
import { isOwnComment } from "../../src/github/bot-identity.js";
import { editedNotices, NOTICE } from "../../src/records/markers.js";
import { escalationMarker } from "../../src/sla/markers.js";

const AT = "2026-03-02T09:12:00Z";
const LATER = "2026-03-02T09:13:00Z";
const escalation = `${escalationMarker("resolver team")}\n@acme/service-desk: respond target at risk.`;
const card = "<!-- ims-card -->\n### Incident\nP1";

describe("which of the app's comments it still believes (pure)", () => {
  it("a one-off comment GitHub says was edited is refused even when the app remembers nothing (a fresh store)", () => {
    expect(editVerdict({ body: escalation, created_at: AT, updated_at: LATER }, undefined)).toBe("edited");
  });

  it("a one-off comment edited within the second it was written (updated_at unchanged) is refused by the app's memory of its body", () => {
    expect(editVerdict({ body: `${escalation}\n${escalationMarker("management")}`, created_at: AT, updated_at: AT }, bodyHash(escalation))).toBe("edited");
  });

  it("a card edited after the app's last write is refused; the app's own last write is believed", () => {
    const written = `${card}\n(sla at risk)`;
    expect(editVerdict({ body: `${written}\n${NOTICE.securityRouted}`, created_at: AT, updated_at: LATER }, bodyHash(written))).toBe("edited");
    expect(editVerdict({ body: written, created_at: AT, updated_at: LATER }, bodyHash(written))).toBeUndefined();
  });

  it("a card edited where the app remembers nothing is not believed (unverified) and not reported: the app's edit and a person's look alike", () => {
    const c = { id: 7, body: `${card}\n${NOTICE.securityRouted}`, created_at: AT, updated_at: LATER };
    expect(editVerdict(c, undefined)).toBe("unverified");
    expect(editedNotices([{ ...c, edited: "unverified" }])).toEqual([]);
    expect(isOwnComment({ user: { login: "ims-bot[bot]", type: "Bot" }, edited: "unverified" })).toBe(false);
  });

  it("an edited comment is reported once by its id, and no longer counts as the app's", () => {
    expect(editedNotices([{ id: 42, body: escalation, edited: "edited" }]).map((n) => n.marker)).toEqual(["<!-- ims-notice edited comment=42 -->"]);
    expect(isOwnComment({ user: { login: "ims-bot[bot]", type: "Bot" }, edited: "edited" })).toBe(false);
    expect(isOwnComment({ user: { login: "ims-bot[bot]", type: "Bot" } })).toBe(true);
  });

  it("a never-edited comment is believed without any memory", () => {
    expect(editVerdict({ body: escalation, created_at: AT, updated_at: AT }, undefined)).toBeUndefined();
  });
});
