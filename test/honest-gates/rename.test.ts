import { describe, expect, it } from "vitest";
import { readFiles } from "../../src/github/pull-lists.js";
import type { Octokit } from "../../src/github/types.js";

/** An Octokit whose file list is one page: just what readFiles touches. */
function filesOctokit(files: Array<Record<string, unknown>>): Octokit {
  return {
    rest: { pulls: { listFiles: () => undefined } },
    paginate: { iterator: () => (async function* () { yield { data: files }; })() },
  } as unknown as Octokit;
}

describe("red team: a rename out of a change path", () => {
  it("a file moved from infra/ to docs/ still counts as touching infra/ (GitHub lists a rename once, under its new name)", async () => {
    const octokit = filesOctokit([{ filename: "docs/prod.tf", previous_filename: "infra/prod.tf", status: "renamed" }]);
    const read = await readFiles(octokit, { owner: "acme", repo: "web" }, 7, 1);
    expect(read.items).toContain("infra/prod.tf");
    expect(read.items).toContain("docs/prod.tf");
    expect(read.truncated).toBeUndefined();
  });
});
