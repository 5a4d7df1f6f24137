import type { ImsConfig } from "../config/schema.js";
import { md } from "../core/explain.js";
import { hasLabel as has } from "../core/labels.js";
import type { IssuePlan } from "../core/plan.js";
import { emptyPlan } from "../core/plan.js";
import type { Trace } from "../core/trace.js";
import type { CardSection } from "../records/card.js";
import { commandsSection } from "../records/commands-help.js";
import { answer, parseForm } from "../records/form.js";
import { reopenMarker } from "../records/markers.js";
import { linksOf } from "./links.js";

/** What a problem decision reads: the issue and the app's own comments (link markers). */
export interface ProblemFacts {
  owner: string;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  state: "open" | "closed";
  /** GitHub's close reason: "completed", "not_planned" (duplicates are not reopened), or null. */
  stateReason: string | null;
  closedAt: string | null;
  ownText: string;
  delivery: string | null;
}

export interface ProblemDecision {
  plan: IssuePlan;
  knownError: boolean;
  reopen: boolean;
  incidents: number[];
}

/**
 * Decides a problem record (pure): `known-error` once root cause and workaround are recorded (or a
 * person set it), reopening a problem closed as completed without a root cause when config requires
 * one, and the card with its maintained "Related incidents" section.
 */
export function decideProblem(f: ProblemFacts, config: ImsConfig, now: Date): ProblemDecision {
  const plan = emptyPlan(f.owner, f.repo, f.number);
  const form = parseForm(f.body);
  const rootCause = answer(form, config.problems.fields.rootCause);
  const workaround = answer(form, config.problems.fields.workaround);
  const labelled = has(f.labels, "known-error");
  const knownError = labelled || (rootCause !== null && workaround !== null);
  if (knownError && !labelled) plan.labels.add.push("known-error");
  const reopen = f.state === "closed" && f.stateReason !== "not_planned" && config.problems.requireRootCauseToClose && rootCause === null;
  if (reopen) {
    plan.state = { state: "open" };
    plan.comments.push({
      marker: reopenMarker(f.closedAt ?? "unknown"),
      body: `Reopened: a problem is closed once its root cause is known (20000-1 8.6.3). Fill in **${md(config.problems.fields.rootCause)}** in the description, then close it again; close it as *not planned* if it is a duplicate.`,
    });
  }
  const links = linksOf(f.ownText);
  const incidents = [...new Set([...links.incidents])].sort((a, b) => a - b);
  const review = has(f.labels, "ims:post-incident-review");
  const sections: CardSection[] = [
    { id: "related", title: "Related incidents", body: incidents.length ? incidents.map((n) => `- #${n}`).join("\n") : "_none linked yet: `/ims link #N` on this record or the incident_" },
    { id: "root-cause", title: null, body: `**Root cause:** ${rootCause ? "recorded" : "not known yet"} · **Workaround:** ${workaround ? "recorded" : "none yet"}${knownError ? " · **known error**" : ""}` },
  ];
  if (reopen) sections.push({ id: "reopened", title: null, body: "**Reopened:** closed without a root cause" });
  sections.push(commandsSection("problem"));
  const trace = (rule: string, inputs: Record<string, unknown>, result: Record<string, unknown>): Trace => ({ v: 1, rule, inputs, result, time: now.toISOString(), delivery: f.delivery });
  plan.card = {
    heading: `${review ? "Post-incident review" : "Problem record"}${knownError ? " · known error" : ""}`,
    sections,
    traces: [
      trace("problem.evaluate", { rootCause: rootCause !== null, workaround: workaround !== null, knownErrorLabel: labelled, state: f.state, stateReason: f.stateReason }, { knownError, reopen }),
      trace("problem.links", {}, { incidents }),
    ],
  };
  return { plan, knownError, reopen, incidents };
}
