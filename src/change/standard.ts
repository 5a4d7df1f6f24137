import { md } from "../core/explain.js";
import type { StandardRuleSchema } from "../config/schema.js";
import type { z } from "zod";
import type { ChangeFacts } from "./facts.js";
import { globMatcher } from "./config.js";
import { gateFilesTouched } from "./gate-files.js";
import { identityIs, sameLogin } from "./identity.js";
import { shortSha } from "./reviews.js";

export type StandardRule = z.infer<typeof StandardRuleSchema>;

export type StandardMatch =
  | { matched: true; rule: string }
  | { matched: false; why: string[]; provable: boolean };

/**
 * The first standard-change rule that covers every changed path and whose authors (when listed)
 * include the pull-request author and every commit author. Truncated lists prove nothing.
 */
export function matchStandardRule(facts: ChangeFacts, rules: StandardRule[], allowTargetMerges: boolean): StandardMatch {
  if (facts.truncated.files) {
    const t = facts.truncated.files;
    return { matched: false, provable: false, why: [`the changed-file list is truncated (${t.read} of ${t.total ?? "more"} files read), so the paths cannot all be checked against the standard rules`] };
  }
  if (facts.files.length === 0) return { matched: false, provable: false, why: ["no changed files were listed"] };
  if (rules.length === 0) return { matched: false, provable: true, why: ["no standard-change rules are configured"] };
  const gate = gateFilesTouched(facts.files, facts.gateFiles);
  if (gate.length > 0) return { matched: false, provable: true, why: [`it changes ${gate.map(md).join(", ")}, the change-control config itself, which no standard rule pre-approves`] };
  const why: string[] = [];
  let provable = true;
  for (const rule of rules) {
    const matches = globMatcher(rule.paths);
    const outside = facts.files.filter((f) => !matches(f));
    if (outside.length > 0) {
      const more = outside.length > 3 ? ` and ${outside.length - 3} more` : "";
      why.push(`${md(rule.name)}: ${outside.slice(0, 3).map(md).join(", ")}${more} outside its paths`);
      continue;
    }
    if (rule.authors.length > 0) {
      const stranger = authorOutside(facts, rule.authors, allowTargetMerges);
      if (stranger) {
        if (stranger.unknown) provable = false;
        why.push(`${md(rule.name)}: ${stranger.why}`);
        continue;
      }
    }
    return { matched: true, rule: rule.name };
  }
  return { matched: false, why, provable };
}

function authorOutside(facts: ChangeFacts, authors: string[], allowTargetMerges: boolean): { why: string; unknown: boolean } | null {
  const listed = (login: string): boolean => authors.some((a) => sameLogin(a, login));
  if (!listed(facts.pr.author.login)) return { why: `author ${md(`@${facts.pr.author.login}`)} is not listed`, unknown: false };
  if (facts.truncated.commits) return { why: "the commit list is truncated, so the commit authors cannot all be checked", unknown: true };
  for (const c of facts.commits) {
    if (allowTargetMerges && c.mergesTargetOnly) continue;
    // a git name or email is whatever the pusher typed: only a commit GitHub verified (the committer's
    // own key) whose author and committer are the listed accounts (or GitHub itself) shows who wrote it
    const author = c.author.login;
    const committer = c.committer.login;
    if (c.verified !== true) return { why: `commit ${shortSha(c.sha)} is not verified by GitHub (unsigned), so its author cannot be shown to be listed`, unknown: false };
    if (!author || !listed(author)) return { why: `commit ${shortSha(c.sha)} is by ${md(author ? `@${author}` : c.author.name)}, who is not listed`, unknown: false };
    if (!committer || !(listed(committer) || sameLogin(committer, "web-flow"))) return { why: `commit ${shortSha(c.sha)} was committed by ${md(committer ? `@${committer}` : c.committer.name)}, who is not listed`, unknown: false };
    const people = [c.author, ...c.coAuthors];
    // a commit by someone outside the list (even a co-author) breaks the pre-approval
    const outsider = people.find((p) => !authors.some((a) => identityIs(p, a)));
    if (outsider) return { why: `commit ${shortSha(c.sha)} is by ${md(outsider.login ? `@${outsider.login}` : outsider.name)}, who is not listed`, unknown: false };
  }
  return null;
}
