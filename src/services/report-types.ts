import type { CalendarConfig, Priority } from "../config/schema.js";
import type { Availability } from "./availability.js";
import type { CatalogueService } from "./catalogue.js";
import type { OutageWindow } from "./outage.js";

/** The service report's types: what it reads of the records, and what it shows per service. */

/** What the service report reads of an incident (the exporter's normalised record has all of it). */
export interface ReportIncident {
  repo: string;
  number: number;
  url: string;
  service: string | null;
  priority: Priority | null;
  createdAt: string;
  closedAt: string | null;
  /** `at`: when a target was met or fell due (breached). */
  sla: Array<{ clock: "respond" | "resolve"; status: string; at?: string | null; start?: string; respondedAt?: string | null }>;
  outages?: OutageWindow[];
}
export interface ReportProblem {
  repo: string;
  number: number;
  url: string;
  service: string | null;
  createdAt: string;
  closedAt: string | null;
  knownError: boolean;
}
export interface ReportChange {
  repo: string;
  number: number;
  url: string;
  type: "standard" | "normal" | "emergency";
  state: "open" | "closed" | "merged";
  createdAt: string;
  mergedAt: string | null;
  /** The change gate passed on the merged commit. */
  gatePassed: boolean;
  /** Its changed files: which services' `paths` it belongs to (src/services/attribution.ts). */
  files?: string[];
}

/** One repository's catalogue and calendars (from the config its records were judged by). */
export interface RepoCatalogue {
  repo: string;
  services: CatalogueService[];
  calendars: Record<string, CalendarConfig>;
  /** What was wrong with its config (then judged by the built-in defaults, which have no services). */
  errors?: string[];
}

/** DORA's four keys of a service's own deployments and changes (src/services/dora-slot.ts, from src/deploy/dora.ts). */
export interface DoraSlot {
  deploymentFrequency: number | null;
  leadTimeHours: number | null;
  changeFailureRate: number | null;
  timeToRestoreHours: number | null;
}

export const AGE_BUCKETS = ["< 1 day", "1-7 days", "7-30 days", "> 30 days"] as const;

export interface ServiceSection {
  service: string;
  /** null: incidents and changes that match no service of the catalogue. */
  known: CatalogueService | null;
  calendar: string;
  availability: Availability | null;
  sla: { respond: { met: number; breached: number }; resolve: { met: number; breached: number } };
  /** Mean minutes on the service's calendar; null without data. */
  mttaMinutes: number | null;
  mttrMinutes: number | null;
  incidents: { total: number; byPriority: Record<Priority | "none", number>; open: number; backlogAge: Record<(typeof AGE_BUCKETS)[number], number> };
  problems: { opened: number; closed: number; knownErrors: number };
  changes: { byType: Record<ReportChange["type"], number>; completed: number; succeeded: number; successRate: number | null; emergencyShare: number | null };
  /** DORA's four keys over its own deployments and changes; null without a successful production deployment. */
  dora: DoraSlot | null;
  /** Targets missed in the period, in words; an improvement record is opened for a service with any. */
  missed: string[];
  incidentLinks: Array<{ ref: string; url: string }>;
}

export interface ServiceReportData {
  period: { from: string; to: string };
  repos: string[];
  /** Configs that could not be read: the report is incomplete, and `--post` refuses to post it. */
  warnings: string[];
  services: ServiceSection[];
}
