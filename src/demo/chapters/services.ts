import { runCli } from "../../cli/program.js";
import { CalendarSchema } from "../../config/schema.js";
import { workingMinutesBetween } from "../../sla/calendar.js";
import type { DemoEnv } from "../env.js";
import { CIA_OPTIONS, formBody } from "../forms.js";
import { describeCalls } from "../narrate.js";

const MIN = 60_000;

/** The demo's service catalogue: two services with their own targets and hours. */
const SERVICES_YML = `services:
  card-gateway:
    owner: payments-owners
    resolver: service-desk
    criticality: critical
    availability: 99.9
    hours: 24x7
  search:
    owner: search-owners
    resolver: service-desk
    criticality: medium
    availability: 99.5
    hours: business
`;

/** Issue 14: services as configuration items, outages, availability per service and the monthly service report. */
export async function services(d: DemoEnv): Promise<void> {
  const { sim, repo } = d;
  const card = (n: number) => sim.comments(repo, n).find((c) => c.user === sim.botLogin && c.body.startsWith("<!-- ims-card"))?.body ?? "";
  const line = (n: number, start: string) => card(n).split("\n").find((l) => l.startsWith(start)) ?? "(none)";

  d.step("The service catalogue goes into .github/ims.yml: owner, resolver, availability target, service hours");
  sim.as("erin").putFile(repo, ".github/ims.yml", SERVICES_YML, undefined, "Service catalogue");
  await d.settle();
  d.say("card-gateway: 99.9% on the 24x7 calendar; search: 99.5% in business hours (Mon-Fri 09:00-17:00 UTC)");

  d.step("An outage reported with the form's Outage start and end");
  const start = new Date(sim.clock.now().getTime() - 40 * MIN);
  const end = new Date(sim.clock.now().getTime() - 5 * MIN);
  const at = (x: Date) => `${x.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const gw = sim.as("alice").openIssue(repo, {
    title: "[Incident] Card gateway returned 503",
    body: formBody([
      ["Impact", "High"],
      ["Urgency", "Medium"],
      ["Affected service", "Card-Gateway"],
      ["Outage start", at(start)],
      ["Outage end", at(end)],
      ["Security impact", { ticked: ["Availability"], options: CIA_OPTIONS }],
      ["What happened", "The load balancer answered 503 for 35 minutes."],
    ]),
    labels: ["ims:incident"],
  });
  d.say(`alice opened #${gw.number}; the app made ${describeCalls(await d.settle())}`);
  d.say(`card: ${line(gw.number, "**Service:**")}`);
  d.say(`card outage: ${line(gw.number, "- " + at(start).slice(0, 10))}`);
  d.expect(card(gw.number).includes("**Outage**"), "the card should show the outage window from the form");

  d.step("An outage recorded as it happens: /ims outage start, then /ims outage end");
  const se = sim.as("bob").openIssue(repo, { title: "[Incident] Search index unavailable", body: formBody([["Impact", "Medium"], ["Urgency", "Medium"], ["Affected service", "search"], ["What happened", "Search returns errors."]]), labels: ["ims:incident"] });
  await d.settle();
  sim.as("carol").comment(repo, se.number, "/ims outage start");
  await d.settle();
  const outageAt = sim.clock.now();
  sim.clock.advance(50 * MIN);
  sim.as("carol").comment(repo, se.number, "/ims outage end");
  await d.settle();
  const window = card(se.number).split("\n").find((l) => l.includes("`/ims outage` by")) ?? "(none)";
  d.say(`carol (triage) ran /ims outage start, and 50 minutes later /ims outage end; card: ${window}`);
  d.expect(window.includes("(50 min"), "the card should show the 50-minute outage recorded by command");
  const inHours = workingMinutesBetween(outageAt, new Date(outageAt.getTime() + 50 * MIN), CalendarSchema.parse({ timeZone: "UTC" }));
  d.say(`it began ${outageAt.toUTCString().slice(0, 22)} UTC: ${inHours} of its 50 minutes fall in search's business hours, and only those count against its 99.5%`);
  const typo = sim.as("bob").openIssue(repo, { title: "[Incident] Checkout spinner", body: formBody([["Impact", "Low"], ["Urgency", "Low"], ["Affected service", "chekout"], ["What happened", "Spinner never stops."]]), labels: ["ims:incident"] });
  await d.settle();
  d.say(`an incident naming an unknown service (#${typo.number}): ${line(typo.number, "⚠️ **Service:**").slice(0, 160)}`);
  for (const n of [gw.number, se.number, typo.number]) sim.as("carol").close(repo, n);
  await d.settle();

  d.step("ims-bot report --post: the month's service report, per service, posted as an issue");
  const created = [...sim.core.store.repoByName(repo).issues.values()].map((i) => Date.parse(i.createdAt));
  const from = new Date(Math.min(...created)).toISOString().slice(0, 10);
  const to = sim.clock.now().toISOString();
  const run = async () => {
    let out = "";
    const code = await runCli(["report", "--repo", repo, "--from", from, "--to", to, "--api-url", sim.url, "--no-org-config", "--app-login", sim.botLogin, "--post"], {
      out: (t) => void (out += t),
      err: (t) => void (out += t),
      // as the monthly workflow does with the app's credentials: --post trusts only issues the app wrote
      env: { APP_ID: String(sim.appId), PRIVATE_KEY: sim.privateKey, IMS_THROTTLE: "off" },
      progress: { write: () => true, isTTY: false },
    });
    return { code, out };
  };
  const first = await run();
  for (const l of first.out.trim().split("\n")) d.say(l);
  d.expect(first.code === 0, "ims-bot report --post should succeed");
  const labelled = (l: string) => [...sim.core.store.repoByName(repo).issues.values()].filter((i) => i.labels.includes(l));
  d.expect(labelled("ims:service-report").length === 1, "one service report issue");
  const improvements = labelled("ims:improvement").length;
  d.say(`improvement records (20000-1 10.2): ${labelled("ims:improvement").map((i) => `#${i.number} "${i.title}"`).join(", ") || "none"}`);
  const again = await run();
  d.say(`run again for the same period: ${again.out.split("\n")[0]}`);
  d.expect(labelled("ims:service-report").length === 1 && labelled("ims:improvement").length === improvements, "a second run must post nothing new");
}
