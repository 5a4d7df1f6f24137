import type { ImsConfig } from "../config/schema.js";
import { md } from "../core/explain.js";
import type { Trace } from "../core/trace.js";
import { ownerOfRepo } from "../services/attribution.js";
import { matchService, serviceCatalogue } from "../services/catalogue.js";
import { OUTAGE_RULE, outageMarks, outageWindows } from "../services/outage.js";
import { formatInstant } from "../services/time.js";
import type { CardSection } from "./card.js";
import { answer, parseForm } from "./form.js";

/** What the card says about the affected service (against the catalogue) and the outage windows. */
export function serviceSections(
  service: string | null,
  repo: string,
  body: string | null,
  ownText: string,
  config: ImsConfig,
  at: { now: Date; delivery: string | null },
): { sections: CardSection[]; traces: Trace[] } {
  const sections: CardSection[] = [];
  const traces: Trace[] = [];
  const match = matchService(config, service);
  const list = (names: string[]) => names.map((n) => `\`${md(n)}\``).join(", ");
  // named no known service: the repository's one service (the catalogue lists it for exactly one) is suggested
  const owner = match.state === "unknown" || match.state === "none" ? ownerOfRepo(serviceCatalogue(config), repo) : null;
  const suggest = owner ? ` This repository is \`${md(owner.name)}\`'s: the service report counts it there; set "Affected service" to \`${md(owner.name)}\` if that is the service affected.` : "";
  if (match.state === "matched") {
    const s = match.service;
    const facts = [s.owner ? `owner \`${md(s.owner)}\`` : null, `resolver \`${md(s.resolver)}\``, s.criticality, s.availability !== null ? `availability target ${s.availability}% (${md(s.hours ?? "")} hours)` : null];
    sections.push({ id: "service", title: null, body: `**Service:** ${md(s.name)} · ${facts.filter(Boolean).join(" · ")}` });
  } else if (match.state === "unknown") {
    sections.push({
      id: "service",
      title: null,
      body: `⚠️ **Service:** "${md(match.named.slice(0, 80))}" is not in the service catalogue (\`services\` in \`.github/ims.yml\`); escalations go to the default resolver \`${md(config.escalation.resolvers.default)}\`. Known services: ${list(match.known)}.${suggest}`,
    });
  } else if (match.state === "none") {
    sections.push({ id: "service", title: null, body: `⚠️ **Service:** none named. Known services: ${list(match.known)}.${suggest}` });
  }
  if (match.state !== "no-catalogue") {
    traces.push({
      v: 1,
      rule: "incident.service",
      inputs: { named: service },
      result: { match: match.state, service: match.state === "matched" ? match.service.name : null, suggested: owner?.name ?? null },
      time: at.now.toISOString(),
      delivery: at.delivery,
    });
  }
  const form = parseForm(body);
  const f = config.classification.fields;
  const reading = outageWindows({ start: answer(form, f.outageStart), end: answer(form, f.outageEnd) }, outageMarks(ownText));
  if (reading.windows.length || reading.notes.length) {
    const lines = reading.windows.map((w) => {
      const how = w.source === "form" ? "from the form" : `\`/ims outage\`${w.by ? ` by @\u200b${md(w.by)}` : ""}`;
      if (!w.end) return `- since ${formatInstant(w.start)}, ongoing (${how}); \`/ims outage end\` ends it`;
      const minutes = Math.round((Date.parse(w.end) - Date.parse(w.start)) / 60_000);
      return `- ${formatInstant(w.start)} to ${formatInstant(w.end)} (${minutes} min, ${how})`;
    });
    for (const n of reading.notes) lines.push(`- ⚠️ ${n}`);
    sections.push({ id: "outage", title: "Outage", body: lines.join("\n") });
    traces.push({ v: 1, rule: OUTAGE_RULE, inputs: { service }, result: { windows: reading.windows, notes: reading.notes }, time: at.now.toISOString(), delivery: at.delivery });
  }
  return { sections, traces };
}
