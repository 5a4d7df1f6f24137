import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/defaults.js";
import type { RecordLinks } from "../../src/problems/links.js";
import type { Classification } from "../../src/records/classify.js";
import { decideLinksSection } from "../../src/records/live/links.js";
import { decideMajor } from "../../src/records/live/major.js";
import type { LiveContext } from "../../src/records/live/part.js";
import { decideReviewNeed } from "../../src/records/live/review-need.js";
import { decideSecurityRouting } from "../../src/records/live/security-routing.js";
import { decideSlaAndEscalation } from "../../src/records/live/sla-escalation.js";
import { NOTICE } from "../../src/records/markers.js";

const NOW = new Date("2026-03-02T10:00:00Z");
const noLinks: RecordLinks = { problems: [], reviews: [], incidents: [] };

function ctx(over: Partial<Omit<LiveContext, "cls">> & { cls?: Partial<Classification> } = {}): LiveContext {
  const { cls, ...rest } = over;
  return {
    cls: { priority: "P3", security: null, service: null, ...cls } as Classification,
    open: true,
    ownText: "",
    planned: [],
    alertSeverity: null,
    config: defaultConfig(),
    now: NOW,
    delivery: "d1",
    org: "acme",
    ...rest,
  };
}

describe("the live deciders of an incident (pure)", () => {
  it("SLA: a record without a priority has no clock, says so on the card, and escalates nothing", () => {
    const { part, sla } = decideSlaAndEscalation(ctx({ cls: { priority: null } }), { reporter: "ann", createdAt: new Date("2026-03-02T09:00:00Z"), events: [] });
    expect(sla).toBeNull();
    expect(part.comments).toEqual([]);
    expect(part.sections[0]).toMatchObject({ id: "sla", body: "**SLA**: no clock yet (the record needs a priority)" });
    expect(part.traces.map((t) => t.rule)).toEqual(["sla.evaluate", "escalation"]);
  });

  it("security: an open event is routed to the team once, mentioning it; an assessed one only says how", () => {
    const event = decideSecurityRouting(ctx({ cls: { security: "event" } }));
    expect(event.comments.map((c) => c.marker)).toEqual([NOTICE.securityRouted]);
    expect(event.comments[0]!.body).toContain("@acme/");
    expect(decideSecurityRouting(ctx({ cls: { security: "event" }, ownText: NOTICE.securityRouted })).comments).toEqual([]);
    const assessed = decideSecurityRouting(ctx({ cls: { security: "not-incident" } }));
    expect(assessed.comments).toEqual([]);
    expect(assessed.sections[0]!.body).toContain("as not an information security incident");
    expect(decideSecurityRouting(ctx())).toEqual({ add: [], remove: [], comments: [], assignTeams: [], sections: [], traces: [] });
  });

  it("major: a P1 is declared automatically (the label is added) and management is told once while open", () => {
    const config = defaultConfig();
    config.major.autoForP1 = true;
    const p1 = decideMajor(ctx({ cls: { priority: "P1" }, config }), noLinks);
    expect(p1.major).toBe(true);
    expect(p1.part.add).toEqual(["major-incident"]);
    expect(p1.part.comments.map((c) => c.marker)).toEqual([NOTICE.majorNotified]);
    const labelled = decideMajor(ctx({ planned: ["Major-Incident"], ownText: NOTICE.majorNotified }), noLinks);
    expect(labelled).toMatchObject({ major: true, part: { add: [], comments: [] } });
    expect(decideMajor(ctx(), noLinks).major).toBe(false);
  });

  it("links: the card names linked problems and reviews, and nothing when there are none", () => {
    expect(decideLinksSection({ ...noLinks, problems: [4], reviews: [9] }).sections).toEqual([{ id: "links", title: null, body: "**Linked records:** problem #4 · post-incident review #9" }]);
    expect(decideLinksSection(noLinks).sections).toEqual([]);
  });

  it("review need: a closed major incident without a linked review needs one; with one, or open, it does not", () => {
    const closed = ctx({ open: false });
    expect(decideReviewNeed(closed, true, noLinks).reviewNeeded).toBe(closed.config.major.reviewOnClose);
    expect(decideReviewNeed(closed, true, { ...noLinks, reviews: [9] }).reviewNeeded).toBe(false);
    expect(decideReviewNeed(ctx(), true, noLinks)).toMatchObject({ reviewNeeded: false, part: { traces: [] } });
    expect(decideReviewNeed(closed, false, noLinks).part.traces).toEqual([]);
  });
});
