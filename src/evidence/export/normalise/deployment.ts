import { decodeTraces, type Trace } from "../../../core/trace.js";
import { isRollback } from "../../../deploy/history.js";
import type { CollectedTrace, DeployedChange, DeploymentGate, DeploymentRecord, RecordLink } from "../../types.js";
import { login, type GqlCheckRun, type GqlDeployment } from "../gql-types.js";
import { deploymentCheckName, deploymentExternalId } from "../queries/deployments.js";
import { htmlBase, isTrustedApp, linkTo } from "./common.js";
import { deploymentOutcome } from "./deployment-outcome.js";
import type { NormaliseContext } from "./incident.js";

const record = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : typeof x === "object" && x !== null ? String((x as { sha?: unknown }).sha ?? JSON.stringify(x)) : String(x))) : []);
const time = (r: GqlCheckRun) => r.completedAt ?? r.startedAt ?? "";

/** The app's gate runs for this deployment: its name for the environment and the deployment's external id, from the trusted app only. */
function gateRuns(node: GqlDeployment, id: number, env: string, ctx: NormaliseContext): GqlCheckRun[] {
  return (node.commit?.checkSuites?.nodes ?? [])
    .filter((s) => isTrustedApp(ctx.trusted, s.app?.slug))
    .flatMap((s) => s.checkRuns.nodes)
    .filter((r) => r.name === deploymentCheckName(env) && r.externalId === deploymentExternalId(id))
    .sort((a, b) => (time(a) < time(b) ? -1 : time(a) > time(b) ? 1 : 0));
}

/** The gate's decision: the latest run's `deploy.gate` trace about this very deployment, else its conclusion. */
function gateOf(run: GqlCheckRun | undefined, traces: readonly CollectedTrace[]): DeploymentGate {
  const none: DeploymentGate = { decision: "none", mode: null, reasons: [], directPushes: [], standardRule: null, emergency: false, checkRun: null };
  if (!run) return none;
  const checkRun = { url: run.url, conclusion: run.conclusion?.toLowerCase() ?? null, completedAt: run.completedAt };
  let latest: Trace | null = null;
  for (const { trace } of traces) if (!latest || trace.time > latest.time) latest = trace;
  const result = record(latest?.result);
  const mode = latest?.inputs.mode === "detect" ? "detect" : latest?.inputs.mode === "prevent" ? "prevent" : null;
  const byConclusion = checkRun.conclusion === "success" ? "approved" : checkRun.conclusion === "failure" || checkRun.conclusion === "neutral" ? "rejected" : "none";
  const decision = result.decision === "approved" || result.decision === "rejected" ? result.decision : byConclusion;
  const reasons = strings(result.reasons);
  if (!latest && decision !== "none") reasons.push(`check run ${checkRun.conclusion} without a decision trace`);
  return {
    decision,
    mode: mode ?? (checkRun.conclusion === "neutral" ? "detect" : null),
    reasons,
    directPushes: strings(result.directPushes),
    standardRule: typeof result.standardRule === "string" ? result.standardRule : null,
    emergency: result.emergency === true || (typeof result.emergency === "object" && result.emergency !== null),
    checkRun,
  };
}

/** The changes a deployment delivered: those the gate's trace names, and the pull request whose merge made the deployed commit. */
function changesOf(trace: Trace | null, sha: string, ctx: NormaliseContext, base: string): DeployedChange[] {
  const { index } = ctx;
  const repoUrl = index.htmlUrl ?? `${base}/${index.repo}`;
  const out: DeployedChange[] = [];
  const add = (repo: string, pull: number, rec: RecordLink | null, via: DeployedChange["via"][number]) => {
    const same = repo.toLowerCase() === index.repo.toLowerCase();
    const found = out.find((c) => c.repo.toLowerCase() === repo.toLowerCase() && c.pull === pull);
    if (found) {
      if (!found.via.includes(via)) found.via.push(via);
      found.record ??= rec;
      return;
    }
    out.push({ repo: same ? index.repo : repo, pull, url: same ? `${repoUrl}/pull/${pull}` : `${base}/${repo}/pull/${pull}`, record: rec, via: [via], incidents: [] });
  };
  const listed = Array.isArray(trace?.result.changes) ? trace.result.changes.map(record) : [];
  for (const c of listed) {
    const repo = typeof c.repo === "string" ? c.repo : index.repo;
    const pull = Number(c.pull);
    if (!Number.isInteger(pull) || pull <= 0) continue;
    const rec = record(c.record);
    const n = typeof c.record === "number" ? c.record : Number(rec.number);
    const recRepo = typeof rec.repo === "string" ? rec.repo : repo;
    const link: RecordLink | null = !Number.isInteger(n) || n <= 0 ? null : recRepo.toLowerCase() === index.repo.toLowerCase() ? { ...linkTo(index, n, "change", null, base), kind: "change" } : { kind: "change", repo: recRepo, number: n, url: `${base}/${recRepo}/issues/${n}`, at: null };
    add(repo, pull, link, "gate");
  }
  const merged = index.merged?.[sha];
  if (merged !== undefined) add(index.repo, merged, null, "merge-commit");
  for (const c of out) {
    const rec = c.record && c.record.repo.toLowerCase() === index.repo.toLowerCase() ? index.issues[c.record.number] : undefined;
    c.incidents = (rec?.mentionedBy ?? []).filter((n) => index.issues[n]?.kind === "incident");
  }
  return out;
}

/** Environments the gate covers by default when the config names none (`deploy.environments`' default). */
export const DEFAULT_GATED = ["production"];

/**
 * Whether the gate covers an environment: the config's `deploy.environments` (arriving with the
 * deployment gate, issue 12 §1; read defensively until then), else `production`, or the trusted app
 * decided on a deployment there.
 */
export function isGated(env: string, ctx: NormaliseContext): boolean {
  const listed = (ctx.config as { deploy?: { environments?: unknown } }).deploy?.environments;
  const names = Array.isArray(listed) ? listed.filter((e): e is string => typeof e === "string") : DEFAULT_GATED;
  if (names.some((e) => e.toLowerCase() === env.toLowerCase())) return true;
  return (ctx.index.gateApps?.[env] ?? []).some((slug) => isTrustedApp(ctx.trusted, slug));
}

/** A deployment's record: where it went, what ran, who started it, how it ended, the gate's decision and the changes it delivered. */
export function normaliseDeployment(node: GqlDeployment, sources: string[], ctx: NormaliseContext): DeploymentRecord | null {
  const id = node.databaseId;
  if (id === null) return null;
  const source = sources[0] ?? null;
  const env = node.environment ?? "";
  const base = htmlBase(ctx.index.htmlUrl ?? "https://github.com/");
  const runs = gateRuns(node, id, env, ctx);
  const run = runs.at(-1);
  const traces: CollectedTrace[] = runs.flatMap((r) =>
    decodeTraces(r.summary ?? "")
      .filter((t) => t.rule === "deploy.gate" && Number(record(t.inputs.deployment).id) === id)
      .map((trace) => ({ trace, url: r.url, source })),
  );
  const own = run ? traces.filter((t) => t.url === run.url) : [];
  const latest = own.reduce<Trace | null>((best, { trace }) => (!best || trace.time > best.time ? trace : best), null);
  const { outcome, at } = deploymentOutcome(node);
  const statuses = [...(node.statuses?.nodes ?? [])]
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
    .map((s) => ({ state: s.state.toLowerCase(), at: s.createdAt, by: login(s.creator), description: s.description, logUrl: s.logUrl }));
  const repoUrl = ctx.index.htmlUrl ?? `${base}/${ctx.index.repo}`;
  return {
    kind: "deployment",
    repo: ctx.index.repo,
    number: id,
    url: `${repoUrl}/deployments/${encodeURIComponent(env)}`,
    environment: env,
    gated: isGated(env, ctx),
    sha: node.commitOid,
    ref: node.ref?.name ?? node.commitOid,
    creator: login(node.creator),
    createdAt: node.createdAt,
    finishedAt: at,
    outcome,
    rollback: isRollback(ctx.index.deployments ?? [], { id, sha: node.commitOid, environment: env, createdAt: node.createdAt }),
    statuses,
    gate: gateOf(run, own),
    changes: changesOf(latest, node.commitOid, ctx, base),
    traces,
    sources,
  };
}
