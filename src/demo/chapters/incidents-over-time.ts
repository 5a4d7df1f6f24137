import type { DemoEnv } from "../env.js";
import { incidentForm } from "../forms.js";
import { describeCalls } from "../narrate.js";

const MIN = 60_000;

/** Issue 3: time passes (SLA breach, escalation by a sweep), a security assessment, a major incident, a trend. */
export async function incidentsOverTime(d: DemoEnv): Promise<void> {
  const { sim, repo, org } = d;
  const bot = (n: number) => sim.comments(repo, n).filter((c) => c.user === sim.botLogin);
  const count = (label: string) => [...sim.core.store.repoByName(repo).issues.values()].filter((i) => i.labels.includes(label));
  sim.quietly(() => {
    for (const [slug, members] of [["security", ["sec-lead"]], ["management", ["maria"]], ["service-desk", ["carol"]]] as const) {
      try {
        sim.createTeam(org, { slug, members: [...members] });
      } catch {
        // another chapter created it already
      }
    }
  });
  const sweep = async () => {
    sim.as("github-actions[bot]").dispatch(repo, "ims-sweep");
    return describeCalls(await d.settle());
  };

  d.step("A P1 nobody answers: the clock runs, a sweep escalates");
  const p1 = sim.as("alice").openIssue(repo, { title: "[Incident] Card payments declined", body: incidentForm({ impact: "High", urgency: "High", service: "card-gateway", what: "Every card payment declined since 10:00." }), labels: ["ims:incident"] });
  d.say(`alice opened #${p1.number}; the app made ${describeCalls(await d.settle())}`);
  sim.clock.advance(12 * MIN);
  d.say(`12 minutes later a scheduled sweep (repository_dispatch ims-sweep) made ${await sweep()}`);
  d.say(`labels: ${sim.labels(repo, p1.number).sort().join(", ")}`);
  d.expect(sim.labels(repo, p1.number).includes("sla:at-risk"), "a P1 without response after 12 minutes should be at risk");
  sim.clock.advance(228 * MIN);
  d.say(`4 hours after opening, a sweep made ${await sweep()}`);
  d.say(`and a second sweep made ${await sweep()} (nothing is repeated)`);
  const mgmt = bot(p1.number).filter((c) => c.body.includes("ims-escalated level=management"));
  d.say(`labels: ${sim.labels(repo, p1.number).sort().join(", ")}; management mentions: ${mgmt.length}`);
  d.expect(sim.labels(repo, p1.number).includes("sla:breached") && mgmt.length === 1, "breached, with management mentioned exactly once");

  d.step("A security event, assessed by the security team");
  const ev = sim.as("bob").openIssue(repo, { title: "[Security event] API keys in a public gist", body: incidentForm({ impact: "Medium", urgency: "High", service: "partner-api", cia: ["Confidentiality"], what: "A partner key was found in a public gist." }), labels: ["ims:incident", "security:event"] });
  await d.settle();
  d.say(`bob reported #${ev.number}; the app routed it to @${org}/security`);
  sim.as("dave").comment(repo, ev.number, "/ims assess incident");
  await d.settle();
  d.say(`dave (not in the security team) tried /ims assess incident: ${bot(ev.number).at(-1)?.body.split("\n")[1] ?? ""}`);
  sim.as("sec-lead").comment(repo, ev.number, "/ims assess incident");
  await d.settle();
  d.say(`sec-lead assessed it: labels ${sim.labels(repo, ev.number).sort().join(", ")}`);
  d.expect(sim.labels(repo, ev.number).includes("security:incident"), "the security team's assessment should make it a security incident");

  d.step("A major incident, closed: the post-incident review opens by itself");
  const major = sim.as("alice").openIssue(repo, { title: "[Incident] Data centre power loss", body: incidentForm({ impact: "High", urgency: "Medium", service: "all", what: "Site A lost power." }), labels: ["ims:incident"] });
  await d.settle();
  sim.as("carol").comment(repo, major.number, "/ims major");
  await d.settle();
  d.say(`carol declared #${major.number} a major incident; management notified, procedure on the card`);
  sim.clock.advance(90 * MIN);
  sim.as("carol").close(repo, major.number);
  d.say(`carol closed it; the app made ${describeCalls(await d.settle())}`);
  const reviews = count("ims:post-incident-review");
  d.say(`post-incident reviews: ${reviews.map((r) => `#${r.number} "${r.title}"`).join(", ")}`);
  d.expect(reviews.length === 1, "exactly one post-incident review");

  d.step("Three incidents on one service in a week: a problem is found by trend");
  for (let i = 0; i < 3; i++) {
    sim.as("alice").openIssue(repo, { title: `[Incident] Search timeouts (${i + 1})`, body: incidentForm({ impact: "Medium", urgency: "Low", service: "search", what: "Search requests time out." }), labels: ["ims:incident"] });
    await d.settle();
    sim.clock.advance(2 * 24 * 60 * MIN);
  }
  const problems = count("ims:problem").filter((p) => p.title.includes("search"));
  d.say(`problems opened by trend: ${problems.map((p) => `#${p.number} "${p.title}"`).join(", ")}`);
  d.expect(problems.length === 1, "exactly one problem linking the three incidents");
}
