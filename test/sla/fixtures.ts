import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { CalendarSchema, EscalationSchema, SlaSchema, type CalendarConfig, type SlaConfig } from "../../src/config/schema.js";
import type { EscalationConfig } from "../../src/sla/teams.js";

const defaults = parse(readFileSync(new URL("../../workflows/incident.yml", import.meta.url), "utf8")) as {
  sla: unknown;
  escalation: unknown;
};

/** The default SLA section from workflows/incident.yml, through the schema. */
export function defaultSla(): SlaConfig {
  return SlaSchema.parse(defaults.sla);
}

/** The default escalation section from workflows/incident.yml, through the schema. */
export function defaultEscalation(): EscalationConfig {
  return EscalationSchema.parse(defaults.escalation);
}

/** A calendar through the schema, so defaults apply as in production. */
export function calendar(input: Record<string, unknown>): CalendarConfig {
  return CalendarSchema.parse(input);
}

/** An instant from an ISO string with an explicit offset or Z. */
export const at = (iso: string): Date => new Date(iso);
