import type { RawDocument } from "../types.js";
import type { GitHubClient } from "./client.js";
import { ExportError } from "./errors.js";

/** The repositories of --org (an organisation or a user), 100 a page, with the answers kept for raw/. */
export async function ownerRepos(client: GitHubClient, owner: string): Promise<{ repos: string[]; raw: RawDocument[] }> {
  const repos: string[] = [];
  const raw: RawDocument[] = [];
  let base = `/orgs/${owner}/repos`;
  for (let page = 1; ; page++) {
    const f = await client.rest(base, { per_page: "100", page: String(page), sort: "full_name" }, `listing the repositories of ${owner}`, { owner, allow: page === 1 && base.startsWith("/orgs/") ? [404] : [] });
    if (f.status === 404) {
      base = `/users/${owner}/repos`;
      page = 0;
      continue;
    }
    raw.push({ kind: "raw", id: `owner__${owner}.${String(raw.length + 1).padStart(5, "0")}.repos`, ...f });
    const list = Array.isArray(f.body) ? (f.body as Array<{ full_name?: string; archived?: boolean }>) : [];
    for (const r of list) if (r.full_name) repos.push(r.full_name);
    if (list.length < 100) break;
  }
  if (!repos.length) throw new ExportError(`${owner} has no repositories the token can read; check --org and the token's access`);
  return { repos, raw };
}
