import { parseChangeLinks } from "../../../change/links.js";
import { hasLabel } from "../../../core/labels.js";
import { parseReviewLink } from "../../../change/review-record.js";
import { decodeTraces, type Trace } from "../../../core/trace.js";
import type { ChangeRecord, ChangeReview, CheckRunRecord, CollectedTrace, FreezeException, RecordLink, TimelineEvent } from "../../types.js";
import { login, type GqlPull } from "../gql-types.js";
import { GATE_CHECK } from "../queries/fragments.js";
import { botComments, isTrustedApp, type TrustedApp, htmlBase, linkTo, timelineOf, tracesOf } from "./common.js";
import type { NormaliseContext } from "./incident.js";
import { isKind } from "../../../records/kinds.js";

const TYPES = ["standard", "normal", "emergency"] as const;
const RISKS = ["low", "medium", "high"] as const;
/** Paths of the management system's own configuration. */
const CONFIG_PATH = /^(\.github\/ims\.ya?ml|\.github\/ims\/.+|\.github\/workflows\/.+|workflows\/.+\.ya?ml)$/;

const record = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** The gate's check runs on the head commit, with the traces in their summaries. */
function gateRuns(node: GqlPull, source: string | null, trusted: TrustedApp): CheckRunRecord[] {
  const head = node.headCommit.nodes[0]?.commit;
  if (!head) return [];
  return (head.checkSuites?.nodes ?? []).filter((s) => isTrustedApp(trusted, s.app?.slug)).flatMap((s) =>
    s.checkRuns.nodes
      .filter((r) => r.name === GATE_CHECK)
      .map((r) => ({
        name: r.name,
        conclusion: r.conclusion?.toLowerCase() ?? null,
        headSha: head.oid,
        completedAt: r.completedAt,
        url: r.url,
        // a commit's run carries one change.gate trace per open pull request with that head: keep this one's
        traces: decodeTraces(r.summary ?? "").filter((t) => t.rule !== "change.gate" || t.inputs.pr === undefined || t.inputs.pr === node.number).map((trace) => ({ trace, url: r.url, source })),
      })),
  );
}

/** The latest `change.gate` decision (by time) among the traces. */
function latestGate(traces: readonly CollectedTrace[]): Trace | null {
  let best: Trace | null = null;
  for (const { trace } of traces) if (trace.rule === "change.gate" && (!best || trace.time > best.time)) best = trace;
  return best;
}

/**
 * The change record of a pull request, or null when it is not a change: no `ims:change` / `change:*`
 * label, no change link in its body, and no gate decision that said it is one.
 */
export function normaliseChange(node: GqlPull, sources: string[], ctx: NormaliseContext): ChangeRecord | null {
  const { index } = ctx;
  const source = sources[0] ?? null;
  const labels = node.labels.nodes.map((l) => l.name);
  const runs = gateRuns(node, source, ctx.trusted);
  const bots = botComments(node.timelineItems.nodes, ctx.trusted);
  const traces = [...tracesOf(bots, source), ...runs.flatMap((r) => r.traces)];
  const gate = latestGate(traces);
  const result = record(gate?.result);
  const links = parseChangeLinks(node.body ?? "", { host: new URL(htmlBase(node.url)).host });
  const labelled = isKind(labels, "change") || labels.some((l) => /^change:(standard|normal|emergency)$/i.test(l));
  const isChange = labelled || links.some((l) => l.kind === "change") || result.isChange === true;
  if (!isChange) return null;

  const typeLabel = TYPES.find((t) => hasLabel(labels, `change:${t}`));
  const type = typeLabel ?? (TYPES.find((t) => t === result.type) ?? "normal");
  const riskLabel = RISKS.find((r) => hasLabel(labels, `risk:${r}`));
  const risk = riskLabel ?? RISKS.find((r) => r === result.risk) ?? null;
  const reqs = record(result.requirements);
  const securityApprovers = new Set(strings(record(reqs.securityReview).approvers).map((l) => l.toLowerCase()));
  const base = htmlBase(node.url);

  const reviews: ChangeReview[] = node.reviews.nodes
    .filter((r) => r.state === "APPROVED" || r.state === "CHANGES_REQUESTED" || r.state === "COMMENTED" || r.state === "DISMISSED")
    .map((r) => {
      const who = login(r.author) ?? "ghost";
      return { reviewer: who, state: r.state as ChangeReview["state"], commit: r.commit?.oid ?? "", at: r.submittedAt ?? "", security: securityApprovers.has(who.toLowerCase()) };
    });

  let changeRecord: RecordLink | null = null;
  for (const l of links) {
    const repo = l.repo ?? index.repo;
    const same = repo.toLowerCase() === index.repo.toLowerCase();
    if (l.kind === "closing" && !(same && index.issues[l.number]?.kind === "change")) continue;
    changeRecord = same ? { ...linkTo(index, l.number, "change", null, base), kind: "change" } : { kind: "change", repo, number: l.number, url: `${base}/${repo}/issues/${l.number}`, at: null };
    break;
  }

  const reviewNo = bots.map((c) => parseReviewLink(c.body)).find((n): n is number => n !== null);
  const emergencyReview = reviewNo === undefined ? null : { ...linkTo(index, reviewNo, "problem", bots.find((c) => parseReviewLink(c.body) === reviewNo)?.at ?? null, base), completedAt: index.issues[reviewNo]?.closedAt ?? null };

  let freezeException: FreezeException | null = null;
  const freezes = Array.isArray(result.freezeException) ? result.freezeException.map(record) : [];
  if (gate && freezes.length && result.conclusion === "success") {
    const f = freezes[0]!;
    freezeException = {
      freeze: `${String(f.reason ?? "change freeze")} (${String(f.from ?? "?")} to ${String(f.to ?? "?")} ${String(f.timeZone ?? "")})`.trim(),
      approvedBy: strings(record(reqs.emergencyApproval).approvers)[0] ?? null,
      at: gate.time,
    };
  }

  const extra: TimelineEvent[] = [
    ...node.commits.nodes.map((c) => ({ at: c.commit.committedDate, actor: null, event: "committed", detail: c.commit.oid, source })),
    ...reviews.map((r) => ({ at: r.at, actor: r.reviewer, event: "reviewed", detail: `${r.state.toLowerCase()} at ${r.commit}`, source })),
  ];
  return {
    kind: "change",
    repo: index.repo,
    number: node.number,
    url: node.url,
    title: node.title,
    author: login(node.author),
    type,
    risk,
    state: node.merged ? "merged" : node.state === "OPEN" ? "open" : "closed",
    createdAt: node.createdAt,
    mergedAt: node.mergedAt,
    mergeCommit: node.mergeCommit?.oid ?? null,
    base: node.baseRefName,
    changeRecord,
    reviews,
    checkRuns: runs,
    emergencyReview,
    freezeException,
    configChange: node.files.nodes.some((f) => CONFIG_PATH.test(f.path)),
    files: node.files.nodes.map((f) => f.path),
    timeline: timelineOf({ at: node.createdAt, by: login(node.author) }, node.timelineItems.nodes, source, extra),
    traces,
    sources,
  };
}
