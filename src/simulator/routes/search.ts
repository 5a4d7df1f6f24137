import { HttpError } from "../errors.js";
import { ok, paginate } from "../http.js";
import { issueJson } from "../json/issue.js";
import type { Router } from "../router.js";
import { searchIssues } from "../search.js";
import { sortIssues } from "./issues.js";

/** GitHub returns at most this many search results, however many match. */
export const SEARCH_RESULTS_MAX = 1000;

/** `GET /search/issues`: qualifiers, free text, `sort`/`order`, paging over at most 1,000 results. */
export function registerSearch(router: Router): void {
  router.add("GET /search/issues", (ctx) => {
    const q = ctx.query.get("q");
    if (q === null) throw new HttpError(422, "Validation Failed", [{ resource: "Search", field: "q", code: "missing" }]);
    const hits = searchIssues(ctx.core, q);
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
