/** One API request as the benchmarks and tests see it. */
export interface RequestRecord {
  method: string;
  /** Route template, e.g. `GET /repos/{owner}/{repo}/issues/{issue_number}/comments`; `UNKNOWN <path>` when unrouted. */
  route: string;
  path: string;
  status: number;
  /** True when answered 304 Not Modified to an `If-None-Match` request. */
  conditional: boolean;
  actor: string;
  at: string;
}

export function countByRoute(log: RequestRecord[], filter: (r: RequestRecord) => boolean = () => true): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of log) if (filter(r)) counts[r.route] = (counts[r.route] ?? 0) + 1;
  return counts;
}
