import { md, type Explanation } from "../core/explain.js";
import type { Conclusion } from "./policy.js";

/** A pull request of a merge group, with its result at its own head. */
export interface GroupMember {
  number: number;
  /** Its head now; null when it is no longer an open pull request. */
  headSha: string | null;
  conclusion: Conclusion | null;
  title: string;
}

export interface GroupFacts {
  headSha: string;
  baseSha: string;
  baseRef: string;
  members: GroupMember[];
  /** Files of the group's commit (against its base) that no member's own changes account for. */
  unexplained: string[];
  /** Why the group's content could not be shown (a compare cut short or failed); null when it could. */
  unprovable: string | null;
}

export interface GroupResult {
  conclusion: Conclusion;
  title: string;
  explanation: Explanation;
}

const passes = (c: Conclusion | null) => c === "success" || c === "neutral";

/**
 * The `IMS / change control` decision on a merge queue's commit (pure): success only when every pull
 * request in the group passes at its own head and the group's commit adds nothing beyond those pull
 * requests and the target; otherwise failure, naming the pull request that does not pass or the file
 * that came from nowhere.
 */
export function decideMergeGroup(g: GroupFacts): GroupResult {
  const failing = g.members.filter((m) => !passes(m.conclusion));
  const memberNodes: Explanation[] = g.members.map((m) => ({
    status: passes(m.conclusion) ? "pass" : "fail",
    label: `#${m.number}`,
    detail: m.headSha === null ? "no longer an open pull request" : m.conclusion === null ? md(m.title) : `${m.conclusion} at its head ${m.headSha.slice(0, 7)}: ${md(m.title)}`,
  }));
  const contentNode: Explanation = g.unprovable
    ? { status: "fail", label: "the group's commit adds nothing beyond its pull requests", detail: `cannot be shown: ${md(g.unprovable)}` }
    : g.unexplained.length > 0
      ? { status: "fail", label: "the group's commit adds nothing beyond its pull requests", detail: `no pull request of the group brought ${g.unexplained.map((f) => `\`${md(f)}\``).join(", ")} as the group's commit has it`, children: g.unexplained.slice(0, 50).map((f) => ({ status: "fail" as const, label: md(f) })) }
      : { status: "pass", label: "the group's commit adds nothing beyond its pull requests", detail: `every file changed against ${g.baseSha.slice(0, 7)} is as one of them has it` };
  let conclusion: Conclusion = "success";
  let title: string;
  if (failing.length > 0) {
    conclusion = "failure";
    title = `Merge group: ${failing.map((m) => `#${m.number}`).join(", ")} ${failing.length === 1 ? "does" : "do"} not pass change control`;
  } else if (g.unprovable || g.unexplained.length > 0) {
    conclusion = "failure";
    title = g.unprovable ? "Merge group: its content cannot be shown to come from its pull requests" : `Merge group: ${g.unexplained[0]}${g.unexplained.length > 1 ? ` and ${g.unexplained.length - 1} more` : ""} came from no pull request of the group`;
  } else {
    title = `Merge group of ${g.members.map((m) => `#${m.number}`).join(", ")}: every pull request passes`;
  }
  const explanation: Explanation = {
    status: conclusion === "success" ? "pass" : "fail",
    label: "IMS / change control",
    detail: md(title.slice(0, 200)),
    children: [
      { status: "info", label: `merge queue group into ${md(g.baseRef)}`, detail: `commit ${g.headSha.slice(0, 7)} on ${g.baseSha.slice(0, 7)}` },
      { status: failing.length ? "fail" : "pass", label: "every pull request in the group passes at its own head", children: memberNodes },
      contentNode,
    ],
  };
  return { conclusion, title: title.slice(0, 200), explanation };
}
