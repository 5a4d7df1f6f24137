import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/defaults.js";
import { renderCard } from "../../src/records/card.js";
import { acceptanceMarker, subjectOf } from "../../src/risks/acceptance.js";
import { decideRisk, type RiskFacts } from "../../src/risks/decide.js";
import { riskReviewDue } from "../../src/risks/due.js";

const body = (o: { likelihood?: string; impact?: string; treatment?: string; review?: string; owner?: string } = {}) =>
  [
    "### Asset or service", "payments-api",
    "### Threat", "credential stuffing",
    "### Vulnerability", "no rate limit on login",
    "### Likelihood", o.likelihood ?? "4 - Likely",
    "### Impact", o.impact ?? "4 - Major",
    "### Risk owner", o.owner ?? "@alice",
    "### Treatment", o.treatment ?? "accept",
    "### Treatment plan", "_No response_",
    "### Review date", o.review ?? "2027-03-31",
  ].join("\n\n");

const facts = (over: Partial<RiskFacts> = {}): RiskFacts => ({ owner: "acme", repo: "web", number: 7, body: body(), labels: ["ims:risk"], state: "open", ownText: "", delivery: "d1", ...over });
const now = new Date("2027-01-10T12:00:00Z");
const config = defaultConfig();
const accepted = (level: "high" | "critical" | "medium", likelihood = 4, impact = 4) => acceptanceMarker({ by: "carol", at: "2027-01-09T10:00:00.000Z", level, likelihood, impact, reason: "cost of fix exceeds loss" });

describe("deciding a risk record", () => {
  it("rates it on the matrix, labels it and shows how the level was derived", () => {
    const d = decideRisk(facts(), config, now);
    expect(d.assessment.level).toBe("high");
    expect(d.plan.labels.add).toEqual(expect.arrayContaining(["risk-level:high", "treatment:accept", "risk:acceptance-required"]));
    const card = renderCard(d.plan.card!);
    expect(card).toContain("likelihood: 4 (Likely)");
    expect(card).toContain("row 4, column 4 -> high");
    expect(card).toContain("/ims accept-risk");
  });

  it("a hand-added `risk:accepted` label is removed while no acceptor accepted it", () => {
    const d = decideRisk(facts({ labels: ["ims:risk", "risk-level:high", "treatment:accept", "Risk:Accepted"] }), config, now);
    expect(d.plan.labels.remove).toContain("Risk:Accepted");
    expect(d.plan.labels.add).toContain("risk:acceptance-required");
  });

  it("an acceptance in the app's own text counts; a higher re-assessment lapses it", () => {
    const ok = decideRisk(facts({ ownText: accepted("high") }), config, now);
    expect(ok.assessment.acceptance.state).toBe("accepted");
    expect(ok.plan.labels.add).toContain("risk:accepted");
    expect(renderCard(ok.plan.card!)).toContain("accepted at `high` by @carol");
    const raised = decideRisk(facts({ body: body({ likelihood: "5", impact: "5" }), ownText: accepted("high"), labels: ["ims:risk", "risk:accepted"] }), config, now);
    expect(raised.assessment.level).toBe("critical");
    expect(raised.assessment.acceptance.state).toBe("required");
    expect(raised.plan.labels.remove).toContain("risk:accepted");
    expect(renderCard(raised.plan.card!)).toContain("acceptance lapsed");
  });

  it("below the threshold the owner's treatment answer accepts it", () => {
    const d = decideRisk(facts({ body: body({ likelihood: "2", impact: "2" }) }), config, now);
    expect(d.assessment.level).toBe("low");
    expect(d.assessment.acceptance.state).toBe("owner");
    expect(d.plan.labels.add).not.toContain("risk:acceptance-required");
  });

  it("review on a virtual clock: nothing before the lead time, the owner reminded inside it, the acceptors told once overdue", () => {
    const review = "2027-03-31";
    const at = (iso: string) => decideRisk(facts({ body: body({ review, treatment: "mitigate" }) }), config, new Date(iso));
    const early = at("2027-03-16T23:59:59Z");
    expect(early.assessment.review.state).toBe("scheduled");
    expect(early.plan.comments).toEqual([]);
    const soon = at("2027-03-17T00:00:00Z");
    expect(soon.assessment.review.state).toBe("due-soon");
    expect(soon.plan.comments).toHaveLength(1);
    expect(soon.plan.comments[0]!.body).toContain("@alice");
    const lastDay = at("2027-03-31T23:59:00Z");
    expect(lastDay.assessment.review.state).toBe("due-soon");
    const late = at("2027-04-01T00:00:00Z");
    expect(late.assessment.review.state).toBe("overdue");
    expect(late.plan.labels.add).toContain("risk:review-overdue");
    expect(late.plan.comments[0]!.marker).toBe("<!-- ims-risk-review-overdue date=2027-03-31 -->");
    expect(late.plan.comments[0]!.body).toContain("@acme/risk-acceptors");
    // reviewed: the owner moves the date on, the overdue label goes
    const reviewed = decideRisk(facts({ body: body({ review: "2027-09-30", treatment: "mitigate" }), labels: ["ims:risk", "risk:review-overdue"] }), config, new Date("2027-04-02T00:00:00Z"));
    expect(reviewed.plan.labels.remove).toContain("risk:review-overdue");
    expect(reviewed.plan.comments).toEqual([]);
  });

  it("an unreadable review date, owner or likelihood is named as missing", () => {
    const d = decideRisk(facts({ body: body({ review: "next spring", owner: "alice smith", likelihood: "often" }) }), config, now);
    expect(d.assessment.missing).toEqual(["Likelihood", "Risk owner", "Review date"]);
    expect(d.assessment.level).toBeNull();
  });

  it("an acceptance is of one risk: editing the asset, threat or vulnerability lapses it; spacing and case do not; a marker without a subject follows the level only", () => {
    const subject = subjectOf(["payments-api", "credential stuffing", "no rate limit on login"]);
    const marker = acceptanceMarker({ by: "carol", at: "2027-01-09T10:00:00.000Z", level: "high", likelihood: 4, impact: 4, reason: "ok", subject });
    expect(decideRisk(facts({ ownText: marker }), config, now).assessment.acceptance.state).toBe("accepted");
    const respaced = body().replace("credential stuffing", "Credential   Stuffing");
    expect(decideRisk(facts({ body: respaced, ownText: marker }), config, now).assessment.acceptance.state).toBe("accepted");
    const other = decideRisk(facts({ body: body().replace("payments-api", "customer-db"), ownText: marker }), config, now);
    expect(other.assessment.acceptance.state).toBe("required");
    expect(renderCard(other.plan.card!)).toContain("the asset, threat or vulnerability has been edited since: acceptance lapsed");
    // written before the subject was recorded
    expect(decideRisk(facts({ body: body().replace("payments-api", "customer-db"), ownText: accepted("high") }), config, now).assessment.acceptance.state).toBe("accepted");
  });

  it("an acceptance is given in one repository: transferred to another (whose acceptors did not accept it) it lapses; a marker without a repository follows the level only", () => {
    const subject = subjectOf(["payments-api", "credential stuffing", "no rate limit on login"]);
    const marker = acceptanceMarker({ by: "carol", at: "2027-01-09T10:00:00.000Z", level: "high", likelihood: 4, impact: 4, reason: "ok, because", subject, repo: "acme/web" });
    expect(decideRisk(facts({ ownText: marker }), config, now).assessment.acceptance).toMatchObject({ state: "accepted", acceptance: { repo: "acme/web", reason: "ok, because" } });
    expect(decideRisk(facts({ repo: "WEB", ownText: marker }), config, now).assessment.acceptance.state).toBe("accepted");
    const moved = decideRisk(facts({ repo: "ops", ownText: marker }), config, now);
    expect(moved.assessment.acceptance.state).toBe("required");
    expect(moved.plan.labels.add).toContain("risk:acceptance-required");
    expect(renderCard(moved.plan.card!)).toContain("accepted by @carol in acme/web, and the risk has been transferred to acme/ops since, whose acceptors have not accepted it: acceptance lapsed");
    expect(decideRisk(facts({ repo: "ops", ownText: accepted("high") }), config, now).assessment.acceptance.state).toBe("accepted");
  });

  it("a form heading given twice counts as unanswered and the card says so", () => {
    const twice = body().replace("### Impact", "### Impact\n\n1 - Negligible\n\n### Impact");
    const d = decideRisk(facts({ body: twice }), config, now);
    expect(d.assessment.impact).toBeNull();
    expect(d.assessment.level).toBeNull();
    expect(d.assessment.ambiguous).toEqual(["Impact"]);
    expect(renderCard(d.plan.card!)).toContain("**Given twice:** `Impact`");
  });

  it("after an overdue escalation, a removed or unreadable review date keeps the risk overdue; a valid date clears it", () => {
    const escalated = "<!-- ims-risk-review-overdue date=2027-01-05 -->\n🚨 overdue";
    for (const review of ["_No response_", "whenever"]) {
      const d = decideRisk(facts({ body: body({ review, treatment: "mitigate" }), ownText: escalated, labels: ["ims:risk", "risk:review-overdue"] }), config, now);
      expect(d.plan.labels.remove).not.toContain("risk:review-overdue");
      expect(renderCard(d.plan.card!)).toContain("the review due on 2027-01-05 is still **overdue**");
      expect(d.plan.comments).toEqual([]);
    }
    const never = decideRisk(facts({ body: body({ review: "_No response_", treatment: "mitigate" }) }), config, now);
    expect(never.plan.labels.add).not.toContain("risk:review-overdue");
    const closed = decideRisk(facts({ body: body({ review: "_No response_", treatment: "mitigate" }), ownText: escalated, state: "closed", labels: ["ims:risk", "risk:review-overdue"] }), config, now);
    expect(closed.plan.labels.remove).toContain("risk:review-overdue");
    // the sweep spends no request on a record without a valid date: only an edit changes it
    expect(riskReviewDue(body({ review: "_No response_" }), ["ims:risk", "risk:review-overdue"], config, now)).toBe(false);
    expect(riskReviewDue(body({ review: "2027-01-15" }), ["ims:risk"], config, now)).toBe(true);
  });
});
