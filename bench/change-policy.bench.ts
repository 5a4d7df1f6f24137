/**
 * Evaluations per second of the pure change policy for a pull request with 5 commits and 3 reviews
 * (target: at least 10,000/s). Run: npx tsx bench/change-policy.bench.ts
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { ChangeSchema } from "../src/config/schema.js";
import type { ChangeFacts, CommitFacts } from "../src/change/facts.js";
import { evaluateChange } from "../src/change/policy.js";

const sha = (n: string): string => createHash("sha1").update(n).digest("hex");
const who = (login: string) => ({ name: login, email: `${login}@example.com`, login });
const commits: CommitFacts[] = Array.from({ length: 5 }, (_, i) => ({
  sha: sha(`c${i}`),
  parents: [sha(i === 0 ? "base" : `c${i - 1}`)],
  author: who("alice"),
  committer: who("alice"),
  coAuthors: [],
  mergesTargetOnly: false,
}));
const head = commits[4]!.sha;
const facts: ChangeFacts = {
  repo: "acme/shop",
  defaultBranch: "main",
  pr: { number: 7, author: { login: "alice", type: "User" }, headSha: head, baseRef: "main", headRepoFullName: "acme/shop", isFork: false, labels: ["ims:change", "risk:high"], body: "Rotate the certificate.\n\nChange: #12\n", draft: false, state: "open" },
  commits,
  truncated: {},
  files: ["infra/lb.tf", "infra/dns.tf", "docs/runbook.md"],
  reviews: [
    { id: 1, user: { login: "bob", type: "User" }, state: "APPROVED", commitId: commits[2]!.sha, submittedAt: "2026-03-02T09:00:00Z" },
    { id: 2, user: { login: "bob", type: "User" }, state: "APPROVED", commitId: head, submittedAt: "2026-03-02T09:30:00Z" },
    { id: 3, user: { login: "erin", type: "User" }, state: "APPROVED", commitId: head, submittedAt: "2026-03-02T09:40:00Z" },
  ],
  teams: { security: { status: "known", logins: ["bob", "carol"] } },
  maintainers: { status: "known", logins: ["erin", "frank"] },
  records: [{ status: "found", repo: "acme/shop", number: 12, labels: ["ims:change"], state: "open", fields: { Risk: "High", "Rollback plan": "revert", "Test plan": "staging" } }],
  protection: { requiresCheck: true, sources: ["branch protection"] },
  configErrors: [],
};
const data = parse(readFileSync(new URL("../workflows/change.yml", import.meta.url), "utf8")) as { change: unknown };
const config = { change: ChangeSchema.parse(data.change), security: { team: "security" } };
const now = new Date("2026-03-02T10:00:00Z");

const first = evaluateChange(facts, config, now);
for (let i = 0; i < 2000; i++) evaluateChange(facts, config, now);
const seconds = 2;
let n = 0;
const start = performance.now();
while (performance.now() - start < seconds * 1000) {
  for (let i = 0; i < 100; i++) evaluateChange(facts, config, now);
  n += 100;
}
const rate = n / ((performance.now() - start) / 1000);
console.log(`change policy: ${Math.round(rate).toLocaleString("en-US")} evaluations/s (5 commits, 3 reviews; conclusion ${first.conclusion}; target >= 10,000/s)`);
