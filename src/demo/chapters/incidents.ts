import type { DemoEnv } from "../env.js";
import { incidentForm } from "../forms.js";
import { cardLines, describeCalls } from "../narrate.js";

/** Issue forms become classified incident records; triage edits, redeliveries and bad config. */
export async function incidents(d: DemoEnv): Promise<void> {
  const { sim, repo } = d;
  const labels = (n: number) => sim.labels(repo, n).sort().join(", ");

  d.step("An incident filed through the form: High impact, High urgency");
  const p1 = sim.as("alice").openIssue(repo, {
    title: "[Incident] Checkout fails for every customer",
    body: incidentForm({ impact: "High", urgency: "High", service: "payments-api", cia: ["Availability"], what: "HTTP 500 on /checkout since 09:02." }),
    labels: ["ims:incident"],
  });
  d.say(`alice opened #${p1.number}; the app made ${describeCalls(await d.settle())}`);
  d.say(`labels: ${labels(p1.number)}`);
  for (const l of cardLines(sim, repo, p1.number)) d.say(`  │ ${l}`);
  d.expect(sim.labels(repo, p1.number).includes("priority:P1"), "the High/High incident should be P1");

  d.step("A security event with an unanswered Urgency");
  const sec = sim.as("bob").openIssue(repo, {
    title: "[Security event] Unknown admin login from a new country",
    body: incidentForm({ impact: "Medium", urgency: null, service: "admin-portal", cia: ["Confidentiality", "Personal data involved"], what: "Login alert at 03:12 UTC." }),
    labels: ["ims:incident", "security:event"],
  });
  d.say(`bob opened #${sec.number}; the app made ${describeCalls(await d.settle())}`);
  d.say(`labels: ${labels(sec.number)}`);
  for (const l of cardLines(sim, repo, sec.number, 8)) d.say(`  │ ${l}`);
  d.expect(sim.labels(repo, sec.number).includes("needs-triage"), "a record without urgency should need triage");

  d.step("Triage: carol adds the missing urgency as a label");
  sim.as("carol").addLabels(repo, sec.number, ["urgency:high"]);
  d.say(`carol added urgency:high; the app made ${describeCalls(await d.settle())}`);
  d.say(`labels: ${labels(sec.number)}`);
  d.expect(sim.labels(repo, sec.number).includes("priority:P2") && !sim.labels(repo, sec.number).includes("needs-triage"), "medium x high should be P2 with triage complete");

  d.step("Someone sets a conflicting priority label by hand");
  sim.as("dave").addLabels(repo, p1.number, ["priority:P4"]);
  d.say(`dave added priority:P4 to #${p1.number}; the app made ${describeCalls(await d.settle())}`);
  d.say(`labels: ${labels(p1.number)}`);
  const note = cardLines(sim, repo, p1.number, 40).find((l) => l.includes("priority:P4"));
  if (note) d.say(`card: ${note.trim()}`);

  d.step("GitHub redelivers the first webhook (same delivery id)");
  const first = sim.deliveries.find((x) => x.event === "issues" && x.action === "opened");
  if (first) {
    sim.redeliver(first.id);
    const calls = await d.settle();
    d.say(`redelivered ${first.id}; the app made ${describeCalls(calls)}; still one card: ${sim.comments(repo, p1.number).filter((c) => c.body.startsWith("<!-- ims-card")).length}`);
    d.expect(Object.keys(calls).filter((r) => !r.includes("access_tokens")).length === 0, "a redelivery must change nothing");
  }

  d.step("A malformed .github/ims.yml is pushed");
  sim.as("erin").putFile(repo, ".github/ims.yml", "sla:\n  targets:\n    P1: { respond: fast }\n", undefined, "Tune SLA targets");
  d.say(`erin pushed a config change; the app made ${describeCalls(await d.settle())}`);
  const check = (await d.github.rest.checks.listForRef({ owner: d.org, repo: repo.split("/")[1]!, ref: "main", check_name: "IMS / config" })).data.check_runs[0];
  if (check) {
    d.say(`check "IMS / config": ${check.conclusion}`);
    for (const l of (check.output?.summary ?? "").split("\n").filter((x) => x.startsWith("- "))) d.say(`  │ ${l}`);
  }
  const p3 = sim.as("alice").openIssue(repo, {
    title: "[Incident] Slow search",
    body: incidentForm({ impact: "Medium", urgency: "Medium", service: "search", what: "p95 latency 4s." }),
    labels: ["ims:incident"],
  });
  await d.settle();
  d.say(`a new incident #${p3.number} is still triaged on the built-in defaults: ${labels(p3.number)}`);
  const warn = cardLines(sim, repo, p3.number, 6).find((l) => l.includes("sla.targets"));
  if (warn) d.say(`card: ${warn.trim()}`);
  sim.as("erin").putFile(repo, ".github/ims.yml", null, undefined, "Revert SLA tuning");
  await d.settle();
}
