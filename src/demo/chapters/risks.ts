import type { DemoEnv } from "../env.js";
import { cardLines, describeCalls } from "../narrate.js";

const DAY = 86_400_000;

/** The risk form as GitHub renders templates/ISSUE_TEMPLATE/risk.yml. */
function riskForm(o: { likelihood: string; impact: string; review: string }): string {
  return [
    "### Asset or service", "", "payments-api", "",
    "### Threat", "", "Credential stuffing against the login endpoint", "",
    "### Vulnerability", "", "No rate limit on /login", "",
    "### Likelihood", "", o.likelihood, "",
    "### Impact", "", o.impact, "",
    "### Risk owner", "", "@carol", "",
    "### Treatment", "", "accept", "",
    "### Treatment plan", "", "Accepted until the new gateway ships in Q3.", "",
    "### Review date", "", o.review,
  ].join("\n");
}

/** Issue 13 §2: a risk filed, assessed high, accepted by the right team after a refusal for the wrong person, and reviewed. */
export async function risks(d: DemoEnv): Promise<void> {
  const { sim, repo, org } = d;
  sim.quietly(() => {
    try {
      sim.createTeam(org, { slug: "risk-acceptors", members: ["maria"] });
    } catch {
      // another chapter created it already
    }
  });
  const labels = (n: number) => sim.labels(repo, n).sort().join(", ");
  const last = (n: number) => sim.comments(repo, n).at(-1)?.body.split("\n").find((l) => l.trim() && !l.startsWith("<!--")) ?? "";
  const day = (offset: number) => new Date(sim.clock.now().getTime() + offset * DAY).toISOString().slice(0, 10);

  d.step("A risk filed through the Risk form: likelihood 4, impact 4, treatment accept");
  const risk = sim.as("carol").openIssue(repo, { title: "[Risk] Credential stuffing on login", body: riskForm({ likelihood: "4 - Likely", impact: "4 - Major", review: day(20) }), labels: ["ims:risk"] });
  d.say(`carol opened #${risk.number}; the app made ${describeCalls(await d.settle())}`);
  d.say(`labels: ${labels(risk.number)}`);
  for (const l of cardLines(sim, repo, risk.number, 10)) d.say(`  │ ${l}`);
  d.expect(sim.labels(repo, risk.number).includes("risk-level:high") && sim.labels(repo, risk.number).includes("risk:acceptance-required"), "a 4 x 4 risk should be high and need an acceptor");

  d.step("The owner tries to accept it herself: refused, nothing changes");
  sim.as("carol").comment(repo, risk.number, "/ims accept-risk we can live with it");
  d.say(`the app made ${describeCalls(await d.settle())}: ${last(risk.number)}`);
  d.expect(!sim.labels(repo, risk.number).includes("risk:accepted"), "carol is not in risk-acceptors");

  d.step("maria (risk-acceptors) accepts it, with a reason");
  sim.as("maria").comment(repo, risk.number, "/ims accept-risk the gateway replaces login in Q3");
  d.say(`the app made ${describeCalls(await d.settle())}; labels: ${labels(risk.number)}`);
  d.expect(sim.labels(repo, risk.number).includes("risk:accepted"), "an acceptor's acceptance should be recorded");

  d.step("Time passes: the sweep reminds the owner before the review date, then escalates it overdue");
  sim.clock.advance(10 * DAY);
  sim.as("github-actions[bot]").dispatch(repo, "ims-sweep");
  d.say(`10 days later the sweep made ${describeCalls(await d.settle())}: ${last(risk.number)}`);
  sim.clock.advance(12 * DAY);
  sim.as("github-actions[bot]").dispatch(repo, "ims-sweep");
  d.say(`12 days later the sweep made ${describeCalls(await d.settle())}: ${last(risk.number)}`);
  d.expect(sim.labels(repo, risk.number).includes("risk:review-overdue"), "the review date passed");

  d.step("carol reviews it: the next review date, and the overdue label goes");
  sim.as("carol").editIssue(repo, risk.number, { body: riskForm({ likelihood: "4 - Likely", impact: "4 - Major", review: day(90) }) });
  d.say(`the app made ${describeCalls(await d.settle())}; labels: ${labels(risk.number)}`);
  d.expect(!sim.labels(repo, risk.number).includes("risk:review-overdue") && sim.labels(repo, risk.number).includes("risk:accepted"), "reviewed, still accepted at the same level");
}
