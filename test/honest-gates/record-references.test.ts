import { describe, expect, it } from "vitest";
import { MAX_TIMELINE_PAGES, pullsLinkingFromOtherRepos } from "../../src/github/record-references.js";
import type { Octokit } from "../../src/github/types.js";

const xref = (owner: string, repo: string, number: number, body: string, opts: { state?: string; pr?: boolean } = {}) => ({
  event: "cross-referenced",
  source: { type: "issue", issue: { number, state: opts.state ?? "open", body, ...(opts.pr === false ? {} : { pull_request: { url: "x" } }), repository: { name: repo, owner: { login: owner } } } },
});

/** An Octokit whose timeline is `pages` (only what pullsLinkingFromOtherRepos uses). */
function timeline(pages: unknown[][]): { octokit: Octokit; read: () => number } {
  let read = 0;
  const octokit = {
    rest: { issues: { listEventsForTimeline: () => undefined } },
    paginate: {
      iterator: async function* () {
        for (const data of pages) {
          read++;
          yield { data };
        }
      },
    },
  } as unknown as Octokit;
  return { octokit, read: () => read };
}

describe("pull requests of other repositories that link a change record (from its timeline)", () => {
  it("are the open pull requests of the record owner's other repositories whose body links it, once each", async () => {
    const { octokit } = timeline([
      [
        xref("acme", "web", 4, "Change: acme/changes#1"),
        xref("acme", "web", 4, "Change: acme/changes#1"),
        xref("ACME", "api", 9, "fixes https://github.com/acme/changes/issues/1"),
        xref("acme", "web", 5, "See acme/changes#1 for context"), // a mention, not a link
        xref("acme", "web", 6, "Change: acme/changes#1", { state: "closed" }),
        xref("evil", "web", 7, "Change: acme/changes#1"), // another owner
        xref("acme", "changes", 8, "Change: #1"), // same repository: listed by pullsLinking
        xref("acme", "web", 10, "Change: acme/changes#1", { pr: false }), // an issue
        { event: "labeled" },
      ],
    ]);
    const out = await pullsLinkingFromOtherRepos(octokit, { owner: "acme", repo: "changes" }, 1);
    expect(out.pulls).toEqual([
      { repo: { owner: "acme", repo: "web" }, number: 4 },
      { repo: { owner: "ACME", repo: "api" }, number: 9 },
    ]);
    expect(out).toMatchObject({ calls: 1, truncated: false });
  });

  it("reads at most MAX_TIMELINE_PAGES pages and says when it stopped early", async () => {
    const full = Array.from({ length: 100 }, () => ({ event: "labeled" }));
    const t = timeline(Array.from({ length: MAX_TIMELINE_PAGES + 2 }, () => full));
    const out = await pullsLinkingFromOtherRepos(t.octokit, { owner: "acme", repo: "changes" }, 1);
    expect(t.read()).toBe(MAX_TIMELINE_PAGES);
    expect(out).toMatchObject({ calls: MAX_TIMELINE_PAGES, truncated: true });
  });
});
