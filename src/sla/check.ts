import type { SlaConfig } from "../config/schema.js";
import { PRIORITIES } from "../config/schema.js";
import { compileCalendar } from "./calendar-days.js";
import { parseDuration } from "./duration.js";
import type { EscalationConfig } from "./teams.js";

/**
 * Checks what the schema alone cannot: calendar references, durations and working hours. Returns
 * messages naming the config path and value; empty when the section is usable.
 */
export function checkSlaConfig(sla: SlaConfig): string[] {
  const errors: string[] = [];
  for (const [name, cal] of Object.entries(sla.calendars)) {
    try {
      compileCalendar(cal);
    } catch (e) {
      errors.push(`sla.calendars.${name}.hours: ${(e as Error).message}`);
    }
  }
  for (const p of PRIORITIES) {
    const t = sla.targets[p];
    if (!sla.calendars[t.calendar]) {
      errors.push(`sla.targets.${p}.calendar: \`${t.calendar}\` is not in sla.calendars (have: ${Object.keys(sla.calendars).join(", ")})`);
    }
    for (const key of ["respond", "resolve"] as const) {
      try {
        parseDuration(t[key]);
      } catch (e) {
        errors.push(`sla.targets.${p}.${key}: ${(e as Error).message}`);
      }
    }
  }
  return errors;
}

/** Escalation level names must be unique: a name is what marks a level as done on a record. */
export function checkEscalationConfig(escalation: EscalationConfig): string[] {
  const seen = new Set<string>();
  const errors: string[] = [];
  escalation.levels.forEach((l, i) => {
    if (seen.has(l.name)) errors.push(`escalation.levels[${i}].name: \`${l.name}\` is used by an earlier level; give each level its own name`);
    seen.add(l.name);
  });
  return errors;
}
