import type { CalendarConfig, Priority } from "../config/schema.js";
import { PRIORITIES } from "../config/schema.js";
import { workingMsBetween } from "../sla/calendar.js";
import { availabilityOf, formatPercent } from "./availability.js";
import { servicesOfChange, serviceOfIncident } from "./attribution.js";
import { serviceKey, type CatalogueService } from "./catalogue.js";

export * from "./report-types.js";
import { AGE_BUCKETS, type RepoCatalogue, type ReportChange, type ReportIncident, type ReportProblem, type ServiceReportData, type ServiceSection } from "./report-types.js";

const DAY = 86_400_000;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const inRange = (at: string | null, from: number, to: number) => at !== null && Date.parse(at) >= from && Date.parse(at) < to;
const UNASSIGNED = "(no service)";

/**
 * The service report's data (20000-1 9.4, 8.3.3): per service, never averaged across services. MTTA and MTTR are counted on the service's
 * calendar (its agreed hours); a service without hours, and the "(no service)" group, use `fallbackCalendar`.
 * The period's `to` is inclusive, as the exporter's.
 */
export function serviceReportData(input: {
  period: { from: string; to: string };
  catalogues: RepoCatalogue[];
  incidents: readonly ReportIncident[];
  problems: readonly ReportProblem[];
  changes: readonly ReportChange[];
  fallbackCalendar?: string;
}): ServiceReportData {
  const from = Date.parse(input.period.from);
  // the exporter's `to` is inclusive (a date's last millisecond): the report's arithmetic ends just after it
  const to = Date.parse(input.period.to) + 1;
  const byRepo = new Map(input.catalogues.map((c) => [c.repo.toLowerCase(), c]));
  const services = new Map<string, { service: CatalogueService | null; calendars: Record<string, CalendarConfig>; incidents: ReportIncident[]; problems: ReportProblem[]; changes: ReportChange[] }>();
  for (const c of input.catalogues) {
    for (const s of c.services) if (!services.has(serviceKey(s.name))) services.set(serviceKey(s.name), { service: s, calendars: c.calendars, incidents: [], problems: [], changes: [] });
  }
  const catalogueOf = (repo: string) => byRepo.get(repo.toLowerCase());
  const bucketOf = (s: CatalogueService | null, repo: string) => {
    const key = s ? serviceKey(s.name) : UNASSIGNED;
    let b = services.get(key);
    if (!b) services.set(key, (b = { service: s, calendars: catalogueOf(repo)?.calendars ?? input.catalogues[0]?.calendars ?? {}, incidents: [], problems: [], changes: [] }));
    return b;
  };
  // an incident or problem: its "Affected service" first, else its repository's one service
  const recordBucket = (repo: string, named: string | null) => bucketOf(serviceOfIncident(catalogueOf(repo)?.services ?? [], repo, named)?.service ?? null, repo);
  for (const i of input.incidents) recordBucket(i.repo, i.service).incidents.push(i);
  for (const p of input.problems) recordBucket(p.repo, p.service).problems.push(p);
  // a change: every service whose paths its files match (a monorepo change touching two services counts in both)
  for (const c of input.changes) {
    const owners = servicesOfChange(catalogueOf(c.repo)?.services ?? [], c.repo, c.files ?? []);
    if (!owners.length) bucketOf(null, c.repo).changes.push(c);
    for (const s of owners) bucketOf(s, c.repo).changes.push(c);
  }

  const sections: ServiceSection[] = [];
  for (const [key, b] of services) {
    const calName = b.service?.hours && b.calendars[b.service.hours] ? b.service.hours : (input.fallbackCalendar ?? "24x7");
    const calendar: CalendarConfig = b.calendars[calName] ?? { timeZone: "UTC", alwaysOpen: true, workingDays: ["mon"], hours: { start: "00:00", end: "00:00" }, holidays: [] };
    const on = (a: string, z: string) => workingMsBetween(Date.parse(a), Date.parse(z), calendar) / 60_000;
    const availability = b.service
      ? availabilityOf({
          service: b.service.name,
          target: b.service.availability,
          calendarName: calName,
          calendar,
          period: { from, to },
          outages: b.incidents.flatMap((i) => (i.outages ?? []).map((o) => ({ start: Date.parse(o.start), end: o.end ? Date.parse(o.end) : null, record: `${i.repo}#${i.number}` }))),
        })
      : null;
    const sla = { respond: { met: 0, breached: 0 }, resolve: { met: 0, breached: 0 } };
    const mtta: number[] = [];
    const mttr: number[] = [];
    const byPriority = Object.fromEntries([...PRIORITIES, "none"].map((p) => [p, 0])) as Record<Priority | "none", number>;
    const backlogAge = Object.fromEntries(AGE_BUCKETS.map((a) => [a, 0])) as ServiceSection["incidents"]["backlogAge"];
    let total = 0;
    let open = 0;
    for (const i of b.incidents) {
      const opened = inRange(i.createdAt, from, to);
      if (opened) {
        total++;
        byPriority[i.priority ?? "none"]++;
      }
      const closedIn = inRange(i.closedAt, from, to);
      for (const c of i.sla) {
        // a clock counts in the period its outcome fell in: a breach when it fell due, a met resolve
        // target when the record closed, a met response when the record opened
        const counted = c.status === "breached" ? inRange(c.at ?? null, from, to) : c.clock === "resolve" ? closedIn : opened;
        if (counted && c.status === "met") sla[c.clock].met++;
        else if (counted && c.status === "breached") sla[c.clock].breached++;
        if (c.clock === "respond" && opened && c.respondedAt && c.start) mtta.push(on(c.start, c.respondedAt));
      }
      if (closedIn && i.closedAt) mttr.push(on(i.createdAt, i.closedAt));
      if (Date.parse(i.createdAt) < to && (i.closedAt === null || Date.parse(i.closedAt) >= to)) {
        open++;
        const age = (to - Date.parse(i.createdAt)) / DAY;
        backlogAge[age < 1 ? "< 1 day" : age < 7 ? "1-7 days" : age < 30 ? "7-30 days" : "> 30 days"]++;
      }
    }
    const problems = {
      opened: b.problems.filter((p) => inRange(p.createdAt, from, to)).length,
      closed: b.problems.filter((p) => inRange(p.closedAt, from, to)).length,
      knownErrors: b.problems.filter((p) => p.knownError && Date.parse(p.createdAt) < to).length,
    };
    const inPeriod = b.changes.filter((c) => inRange(c.createdAt, from, to) || inRange(c.mergedAt, from, to));
    const byType = { standard: 0, normal: 0, emergency: 0 };
    for (const c of inPeriod) byType[c.type]++;
    const completed = inPeriod.filter((c) => c.state === "merged" && inRange(c.mergedAt, from, to));
    const succeeded = completed.filter((c) => c.gatePassed).length;
    const missed: string[] = [];
    if (availability?.met === false) missed.push(`availability ${formatPercent(availability.percent)} below the target of ${availability.target}%`);
    if (sla.respond.breached) missed.push(`${sla.respond.breached} response target${sla.respond.breached > 1 ? "s" : ""} breached`);
    if (sla.resolve.breached) missed.push(`${sla.resolve.breached} resolution target${sla.resolve.breached > 1 ? "s" : ""} breached`);
    sections.push({
      service: b.service?.name ?? UNASSIGNED,
      known: b.service,
      calendar: calName,
      availability,
      sla,
      mttaMinutes: mean(mtta),
      mttrMinutes: mean(mttr),
      incidents: { total, byPriority, open, backlogAge },
      problems,
      changes: {
        byType,
        completed: completed.length,
        succeeded,
        successRate: completed.length ? succeeded / completed.length : null,
        emergencyShare: inPeriod.length ? byType.emergency / inPeriod.length : null,
      },
      dora: null,
      missed: key === UNASSIGNED ? [] : missed,
      incidentLinks: b.incidents.filter((i) => inRange(i.createdAt, from, to)).map((i) => ({ ref: `${i.repo}#${i.number}`, url: i.url })),
    });
  }
  sections.sort((a, b) => (a.known ? 0 : 1) - (b.known ? 0 : 1) || a.service.localeCompare(b.service));
  return { period: input.period, repos: input.catalogues.map((c) => c.repo), warnings: input.catalogues.flatMap((c) => c.errors ?? []), services: sections };
}
