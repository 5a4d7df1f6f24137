import type { Explanation } from "../core/explain.js";
import { md } from "../core/explain.js";
import type { ChangeFacts, MemberList, ReviewFacts } from "./facts.js";
import { authorship, isBot, isMember, sameLogin } from "./identity.js";
import { baseChangesAfter, describeBaseChange } from "./base-changes.js";
import { pushedBy } from "./pushers.js";
import { shortSha, standingReviews, validityAtHead, type PushRules } from "./reviews.js";
import { noreplyLogin } from "./trailers.js";

/** Who may give an approval, for display and membership. */
export interface ApprovalGroup {
  /** In words, already escaped: "the security team (security)". */
  name: string;
  members: MemberList | undefined;
}

/** One reviewer's standing review, judged for one requirement. */
export interface ApprovalCheck {
  login: string;
  reviewId: number;
  commitId: string | null;
  state: ReviewFacts["state"];
  counted: boolean;
  /** Why it does not count, in words (escaped). */
  reason?: string;
  /** The reason is a fact that could not be read: no later approval can fix it. */
  unknown?: boolean;
  invalidatedBy?: string[];
  forcePush?: boolean;
}

/** Judges every reviewer's standing approval (and dismissal) against a group and the head commit. */
export function checkApprovals(facts: ChangeFacts, rules: PushRules, group: ApprovalGroup): ApprovalCheck[] {
  const out: ApprovalCheck[] = [];
  for (const review of standingReviews(facts.reviews).values()) {
    const user = review.user!;
    const base = { login: user.login, reviewId: review.id, commitId: review.commitId, state: review.state };
    if (review.state === "DISMISSED") {
      out.push({ ...base, counted: false, reason: "the review was dismissed" });
      continue;
    }
    if (review.state !== "APPROVED") continue;
    const member = isMember(group.members, user.login);
    const no = (reason: string, unknown = false): void => void out.push({ ...base, counted: false, reason, unknown });
    if (isBot(user)) no("a bot account; a bot cannot approve a change");
    else if (sameLogin(user.login, facts.pr.author.login)) {
      no(`the author of the pull request${member === true ? `, even though a member of ${group.name}` : ""}`);
    } else if (typeof member === "object") no(`membership of ${group.name} cannot be read: ${md(member.unknown)}`, true);
    else if (!member) no(`not an active member of ${group.name}`);
    else {
      const wrote = commitAuthorship(user.login, facts, rules.allowTargetMerges) ?? pushedBy(user.login, facts.history, facts.commits, rules.allowTargetMerges);
      if (wrote) no(wrote.reason, wrote.unknown);
      else {
        const v = validityAtHead(review, facts, rules);
        const retargeted = rules.invalidateOnPush ? baseChangesAfter(review, facts.history?.baseChanges ?? []) : [];
        if (v.valid && retargeted.length > 0) {
          const detail = `given on ${review.commitId ? shortSha(review.commitId) : "an unknown commit"}, invalidated because ${retargeted.map(describeBaseChange).join("; then ")} (the reviewer saw the diff against the old base)`;
          out.push({ ...base, counted: false, reason: detail, invalidatedBy: [], forcePush: false });
        } else if (v.valid) out.push({ ...base, counted: true, reason: withNotes(v.detail, unlinkedCoAuthors(facts)) });
        else out.push({ ...base, counted: false, reason: v.detail, invalidatedBy: v.invalidatedBy, forcePush: v.forcePush });
      }
    }
  }
  return out;
}

/** Whether `login` wrote any commit of the pull request (author, co-author or committer). */
function commitAuthorship(login: string, facts: ChangeFacts, allowTargetMerges: boolean): { reason: string; unknown: boolean } | null {
  for (const c of facts.commits) {
    if (allowTargetMerges && c.mergesTargetOnly) continue;
    const role = authorship(login, c);
    if (role) return { reason: `${role} of commit ${shortSha(c.sha)}`, unknown: false };
  }
  if (facts.truncated.commits) {
    const t = facts.truncated.commits;
    return { reason: `the commit list is truncated (${t.read} of ${t.total ?? "more"} commits read), so the commit authors cannot all be checked`, unknown: true };
  }
  return null;
}

/**
 * Co-authors GitHub links to no account: such an e-mail cannot be matched to an approver's account,
 * so the summary names them for the reviewer to judge. They do not block on their own: a trailer is
 * whatever the author typed (a colluding approver could simply leave it out), which is why independence
 * rests on accounts, the commit authors GitHub resolved and everyone who pushed.
 */
function unlinkedCoAuthors(facts: ChangeFacts): string[] {
  if (!facts.history) return [];
  const out = new Set<string>();
  for (const c of facts.commits) {
    for (const a of c.coAuthors) if (!a.login && !noreplyLogin(a.email)) out.add(`${a.name} <${a.email}> (commit ${shortSha(c.sha)})`);
  }
  return [...out];
}

function withNotes(detail: string, unlinked: string[]): string {
  if (unlinked.length === 0) return detail;
  return `${detail}; note: co-author${unlinked.length > 1 ? "s" : ""} ${unlinked.map(md).join(", ")} ${unlinked.length > 1 ? "have" : "has"} no GitHub account linked to that e-mail, so cannot be matched to an approver`;
}

/** A child node per judged review: counted ones pass, the rest say why not. */
export function approvalNodes(checks: ApprovalCheck[]): Explanation[] {
  return checks.map((c) => {
    const where = c.commitId ? ` at ${shortSha(c.commitId)}` : "";
    const verb = c.state === "DISMISSED" ? "reviewed" : "approved";
    return {
      status: c.counted ? "pass" : c.unknown ? "fail" : "skip",
      label: `${md(`@${c.login}`)} ${verb}${where}`,
      detail: c.counted ? `counted (${c.reason ?? ""})` : `not counted: ${c.reason ?? ""}`,
    };
  });
}

export function counted(checks: ApprovalCheck[]): string[] {
  return checks.filter((c) => c.counted).map((c) => c.login);
}
