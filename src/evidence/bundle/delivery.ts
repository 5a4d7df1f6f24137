import { fourKeys, type DoraChange, type DoraDeployment, type DoraIncident, type FourKeys } from "../../deploy/dora.js";
import type { AnyRecord, DeploymentRecord } from "../types.js";
import { REPORT_ROW_LIMIT, type Capped } from "./stats.js";

/** Environments that count as production in DORA's keys besides those the gate covers (deploy.environments' default). */
export const DEFAULT_PRODUCTION = ["production"];

export interface DeploymentRow {
  id: number;
  url: string;
  at: string;
  sha: string;
  creator: string;
  decision: string;
  gated: boolean;
  mode: string;
  reasons: string;
  outcome: string;
  rollback: boolean;
  changes: Array<{ ref: string; url: string }>;
  /** Rejected, or reached the environment without an approval: the report marks it. */
  flagged: boolean;
  /** Why DORA's change failure rate counts it as a failed change (empty: it does not). */
  failedChange: string[];
}

/** Per repository and environment, the rows the report shows (capped) and what they add up to. */
export interface DeploymentsView {
  environments: Array<{ repo: string; environment: string; rows: Capped<DeploymentRow>; rejected: number; undecided: number; failed: number; rollbacks: number }>;
  dora: FourKeys[];
}

interface RepoFacts {
  deployments: DoraDeployment[];
  decided: Set<string>;
  changes: Map<number, { firstCommitAt: string | null; refs: string[] }>;
  incidents: Map<number, DoraIncident>;
  /** Incidents that mention a delivered change's record (issue), by pull request. */
  recordMentions: Map<number, number[]>;
}

const rowOf = (r: DeploymentRecord): DeploymentRow => ({
  id: r.number,
  url: r.gate.checkRun?.url ?? r.url,
  at: r.createdAt,
  sha: r.sha,
  creator: r.creator ?? "",
  decision: r.gate.decision,
  gated: r.gated,
  mode: r.gate.mode ?? "",
  reasons: r.gate.reasons.join("; "),
  outcome: r.outcome,
  rollback: r.rollback,
  changes: r.changes.map((c) => ({ ref: `${c.repo}#${c.pull}`, url: c.url })),
  flagged: r.gate.decision === "rejected" || (r.gate.decision === "none" && r.gated) || r.gate.mode === "detect",
  failedChange: [],
});

/**
 * Collects, while records stream into the bundle, the little DORA's keys and the report's deployments
 * section need: per deployment a point, per change its first commit and the records that mention it,
 * per incident its open and close times; rows for the report are capped like the other lists.
 */
export class DeliveryCollector {
  private readonly repos = new Map<string, RepoFacts>();
  private readonly envs = new Map<string, DeploymentsView["environments"][number]>();

  private facts(repo: string): RepoFacts {
    let f = this.repos.get(repo);
    if (!f) this.repos.set(repo, (f = { deployments: [], decided: new Set(), changes: new Map(), incidents: new Map(), recordMentions: new Map() }));
    return f;
  }

  add(r: AnyRecord): void {
    const f = this.facts(r.repo);
    if (r.kind === "incident") f.incidents.set(r.number, { number: r.number, createdAt: r.createdAt, closedAt: r.closedAt });
    else if (r.kind === "change") {
      const commits = r.timeline.filter((e) => e.event === "committed").map((e) => e.at).sort();
      // an issue or pull request that mentions the change shows as a cross-reference on its timeline
      const refs = r.timeline.filter((e) => e.event === "cross-referenced" && e.detail).map((e) => e.detail!);
      f.changes.set(r.number, { firstCommitAt: commits[0] ?? null, refs });
    } else if (r.kind === "deployment") this.addDeployment(f, r);
  }

  private addDeployment(f: RepoFacts, r: DeploymentRecord): void {
    const sameRepo = r.changes.filter((c) => c.repo.toLowerCase() === r.repo.toLowerCase()).map((c) => c.pull);
    // a deployment the gate refused never ran: it is no deployment, and no failed one, in DORA's terms
    const refused = r.gate.decision === "rejected" && r.gate.mode !== "detect";
    for (const c of r.changes) if (c.repo.toLowerCase() === r.repo.toLowerCase()) for (const n of c.incidents ?? []) f.recordMentions.set(c.pull, [...(f.recordMentions.get(c.pull) ?? []), n]);
    if (!refused) f.deployments.push({ id: r.number, sha: r.sha, environment: r.environment, createdAt: r.createdAt, finishedAt: r.finishedAt, outcome: r.outcome, rollback: r.rollback, changes: sameRepo });
    if (r.gated || r.gate.decision !== "none") f.decided.add(r.environment.toLowerCase());
    const key = `${r.repo}\u0000${r.environment}`;
    let env = this.envs.get(key);
    if (!env) this.envs.set(key, (env = { repo: r.repo, environment: r.environment, rows: { rows: [], total: 0 }, rejected: 0, undecided: 0, failed: 0, rollbacks: 0 }));
    env.rows.total++;
    if (env.rows.rows.length < REPORT_ROW_LIMIT) env.rows.rows.push(rowOf(r));
    if (r.gate.decision === "rejected") env.rejected++;
    if (r.gate.decision === "none" && r.gated) env.undecided++;
    if (r.outcome === "failed") env.failed++;
    if (r.rollback) env.rollbacks++;
  }

  private productionOf(f: RepoFacts): string[] {
    return [...new Set([...DEFAULT_PRODUCTION, ...f.decided])];
  }

  /** A repository's changes as DORA reads them: first commit, and the incidents linked to each. */
  private changesOf(repo: string): DoraChange[] {
    const f = this.facts(repo);
    // a change known only from a deployment (its pull request is not in the period's records) still carries its record's incidents
    for (const pull of f.recordMentions.keys()) if (!f.changes.has(pull)) f.changes.set(pull, { firstCommitAt: null, refs: [] });
    return [...f.changes].map(([pull, c]) => ({
      pull,
      firstCommitAt: c.firstCommitAt,
      incidents: [
        ...new Set([
          ...c.refs.flatMap((ref) => {
            const m = /^(.+)#(\d+)$/.exec(ref);
            return m && m[1]!.toLowerCase() === repo.toLowerCase() && f.incidents.has(Number(m[2])) ? [Number(m[2])] : [];
          }),
          ...(f.recordMentions.get(pull) ?? []).filter((n) => f.incidents.has(n)),
        ]),
      ],
    }));
  }

  /**
   * DORA's four keys of one service: over the deployments and changes `pick` says are the service's, pooled
   * across its repositories (one service, one set of deliveries), never an average of per-repository figures.
   * Pull and incident numbers are namespaced per repository before pooling (`acme/a#7` is not `acme/b#7`).
   */
  serviceKeys(
    service: string,
    repos: readonly string[],
    period: { from: string; to: string },
    pick: { change: (repo: string, pull: number) => boolean; deployment: (repo: string, pulls: readonly number[]) => boolean },
  ): FourKeys {
    const ids = new Map<string, number>();
    const id = (repo: string, n: number) => {
      const key = `${repo.toLowerCase()}#${n}`;
      if (!ids.has(key)) ids.set(key, ids.size + 1);
      return ids.get(key)!;
    };
    const deployments: DoraDeployment[] = [];
    const changes: DoraChange[] = [];
    const incidents: DoraIncident[] = [];
    const production = new Set<string>();
    for (const repo of repos) {
      const f = this.facts(repo);
      for (const e of this.productionOf(f)) production.add(e);
      for (const d of f.deployments) if (pick.deployment(repo, d.changes)) deployments.push({ ...d, changes: d.changes.filter((p) => pick.change(repo, p)).map((p) => id(repo, p)) });
      for (const c of this.changesOf(repo)) if (pick.change(repo, c.pull)) changes.push({ pull: id(repo, c.pull), firstCommitAt: c.firstCommitAt, incidents: c.incidents.map((n) => id(repo, -n)) });
      for (const i of f.incidents.values()) incidents.push({ ...i, number: id(repo, -i.number) });
    }
    return fourKeys({ repo: service, period, production: [...production], deployments, changes, incidents });
  }

  /** The report's view and the four keys per repository (every repository read, even without deployments). */
  view(repos: readonly string[], period: { from: string; to: string }): DeploymentsView {
    const dora = repos.map((repo) => {
      const f = this.facts(repo);
      return fourKeys({ repo, period, production: this.productionOf(f), deployments: f.deployments, changes: this.changesOf(repo), incidents: [...f.incidents.values()] });
    });
    const failures = new Map(dora.flatMap((k) => k.basis.failures.map((f) => [`${k.repo}\u0000${f.deployment}`, f.reasons] as const)));
    for (const e of this.envs.values()) for (const row of e.rows.rows) row.failedChange = [...(failures.get(`${e.repo}\u0000${row.id}`) ?? [])];
    const environments = [...this.envs.values()].sort((a, b) => (a.repo === b.repo ? (a.environment < b.environment ? -1 : 1) : a.repo < b.repo ? -1 : 1));
    for (const e of environments) e.rows.rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
    return { environments, dora };
  }
}
