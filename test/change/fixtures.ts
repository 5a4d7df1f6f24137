import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { ChangeSchema } from "../../src/config/schema.js";
import type { ChangePolicyConfig } from "../../src/change/config.js";
import type { ChangeFacts, CommitFacts, ReviewFacts, ReviewState } from "../../src/change/facts.js";
import type { GitIdentity } from "../../src/change/trailers.js";

/** A fixed clock: Monday 2 March 2026, 10:00 UTC. */
export const NOW = new Date("2026-03-02T10:00:00Z");

/** A stable 40-hex sha per name, so failures print readable, repeatable values. */
export function sha(name: string): string {
  return createHash("sha1").update(name).digest("hex");
}

export function who(login: string): GitIdentity {
  return { name: login, email: `${login}@example.com`, login };
}

/** A commit GitHub verified (signed by its committer, as a bot's commits are), unless `extra` says otherwise. */
export function commit(name: string, parents: string[], author = "alice", extra: Partial<CommitFacts> = {}): CommitFacts {
  return { sha: sha(name), parents: parents.map(sha), author: who(author), committer: who(author), coAuthors: [], mergesTargetOnly: false, verified: true, ...extra };
}

let nextId = 1000;
/** A review submitted `minute` minutes after 09:00 on the fixed day. */
export function review(login: string, at: string | null, state: ReviewState = "APPROVED", minute = 0, type: "User" | "Bot" = "User"): ReviewFacts {
  const t = new Date(Date.UTC(2026, 2, 2, 9, minute));
  return { id: nextId++, user: { login, type }, state, commitId: at === null ? null : sha(at), submittedAt: t.toISOString() };
}

/** Defaults from workflows/change.yml (validated by the schema), with the security team `security`. */
export function defaultConfig(): ChangePolicyConfig {
  const data = parse(readFileSync(new URL("../../workflows/change.yml", import.meta.url), "utf8")) as { change: unknown };
  return { change: ChangeSchema.parse(data.change), security: { team: "security" } };
}

export function withChange(patch: Partial<ChangePolicyConfig["change"]>): ChangePolicyConfig {
  const c = defaultConfig();
  return { ...c, change: { ...c.change, ...patch } };
}

export const COMPLETE_FIELDS = { Risk: "Low", "Rollback plan": "Revert the PR and re-apply.", "Test plan": "Plan in staging, apply, smoke test." };

/**
 * A normal change: PR #7 by alice into main, three commits c1-c3 (head c3) touching infra/, label
 * ims:change, `Change: #12` linking a complete, open, low-risk change record. No reviews yet.
 */
export function normalChange(patch: Partial<ChangeFacts> = {}): ChangeFacts {
  const commits = [commit("c1", ["base"]), commit("c2", ["c1"]), commit("c3", ["c2"])];
  return {
    repo: "acme/shop",
    defaultBranch: "main",
    pr: {
      number: 7,
      author: { login: "alice", type: "User" },
      headSha: sha("c3"),
      baseRef: "main",
      headRepoFullName: "acme/shop",
      isFork: false,
      labels: ["ims:change"],
      body: "Rotate the load balancer certificate.\n\nChange: #12\n",
      draft: false,
      state: "open",
    },
    commits,
    truncated: {},
    files: ["infra/lb.tf"],
    reviews: [],
    teams: {
      security: { status: "known", logins: ["alice", "bob", "carol"] },
      "emergency-approvers": { status: "known", logins: ["dave", "alice"] },
    },
    maintainers: { status: "known", logins: ["erin", "frank", "bob"] },
    records: [{ status: "found", repo: "acme/shop", number: 12, labels: ["ims:change"], state: "open", fields: { ...COMPLETE_FIELDS } }],
    protection: { requiresCheck: true, sources: ["ruleset"] },
    configErrors: [],
    ...patch,
  };
}

/** Adds a commit on top of the head and moves the head to it. */
export function push(facts: ChangeFacts, c: CommitFacts): ChangeFacts {
  return { ...facts, commits: [...facts.commits, c], pr: { ...facts.pr, headSha: c.sha } };
}

/** The first node, depth-first, whose label contains `text`. */
export function findNode<T extends { label: string; children?: T[] }>(node: T, text: string): T | undefined {
  if (node.label.includes(text)) return node;
  for (const c of node.children ?? []) {
    const hit = findNode(c, text);
    if (hit) return hit;
  }
  return undefined;
}
