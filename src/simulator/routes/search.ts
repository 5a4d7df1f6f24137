import { HttpError } from "../errors.js";
import { ok, paginate } from "../http.js";
import { issueJson } from "../json/issue.js";
import type { Router } from "../router.js";
import { searchIssues } from "../search.js";
import { sortIssues } from "./issues.js";
import { installedRepos } from "../json/installation.js";

/** GitHub returns at most this many search results, however many match. */
export const SEARCH_RESULTS_MAX = 1000;

/** `GET /search/issues`: qualifiers, free text, `sort`/`order`, paging over at most 1,000 results. */
export function registerSearch(router: Router): void {
  router.add("GET /search/issues", (ctx) => {
    const q = ctx.query.get("q");
    if (q === null) throw new HttpError(422, "Validation Failed", [{ resource: "Search", field: "q", code: "missing" }]);
    // GitHub pages search results 100 at most, and refuses a page past the 1,000th result outright
    const perPage = Math.min(Math.max(Number(ctx.query.get("per_page") ?? 30) || 30, 1), 100);
    const pageNo = Math.max(Number(ctx.query.get("page") ?? 1) || 1, 1);
    if ((pageNo - 1) * perPage >= SEARCH_RESULTS_MAX) throw new HttpError(422, "Only the first 1000 search results are available");
    // An installation token sees the repositories it was given and public ones, never other private ones
    const visible = ctx.identity.kind === "installation" ? new Set(installedRepos(ctx.core, ctx.core.installationById(ctx.identity.installationId) ?? ctx.core.primary)) : null;
    const hits = searchIssues(ctx.core, q).filter((h) => !visible || visible.has(h.repo) || !h.repo.private);
    const sort = ctx.query.get("sort") ?? "created";
    const sorted = sortIssues(hits.map((h) => h.issue), sort === "updated" || sort === "comments" ? sort : "created", ctx.query.get("order") ?? "desc");
    const repoOfIssue = new Map(hits.map((h) => [h.issue, h.repo]));
    const page = paginate(ctx, sorted.slice(0, SEARCH_RESULTS_MAX));
    return ok({
      total_count: hits.length,
      incomplete_results: false,
      items: page.map((issue) => {
        const repo = repoOfIssue.get(issue);
        return repo ? { ...issueJson(ctx.core, repo, issue), score: 1 } : {};
      }),
      // Plain term matching is GitHub's `lexical` search. After `items`, in the description's order:
      // Octokit's paginate takes the first other key as the list.
      search_type: "lexical",
    });
  });
}
