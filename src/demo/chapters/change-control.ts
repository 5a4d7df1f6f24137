import type { DemoEnv } from "../env.js";
import { describeCalls } from "../narrate.js";

const CHECK = "IMS / change control";
const RECORD = ["### Risk", "", "Medium", "", "### Rollback plan", "", "Redeploy the previous image.", "", "### Test plan", "", "Staging, then a canary."].join("\n");

/** Change control: a normal change blocked, approved, invalidated, re-approved and merged; an emergency; a docs-only standard change. */
export async function changeControl(d: DemoEnv): Promise<void> {
  const { sim, repo, org } = d;
  const teams = (slug: string, members: string[]) => {
    try {
      sim.createTeam(org, { slug, members });
    } catch {
      for (const m of members) sim.addTeamMember(org, slug, m);
    }
  };
  teams("security", ["sec-lead"]);
  teams("emergency-approvers", ["erin"]);
  sim.protectBranch(repo, "main", [CHECK]);
  const check = (n: number) => {
    const head = sim.pull(repo, n).pull.headSha;
    const run = sim.checkRuns(repo, head).filter((c) => c.name === CHECK).at(-1);
    return { conclusion: run?.conclusion ?? "none", title: run?.output.title ?? "" };
  };
  const show = (n: number) => {
    const c = check(n);
    d.say(`  check on ${sim.pull(repo, n).pull.headSha.slice(0, 7)}: ${c.conclusion}: ${c.title}`);
    return c;
  };

  d.step("A normal change: infra PR linked to a complete change record, no security review yet");
  const record = sim.as("sam").openIssue(repo, { title: "[Change] Move payments to the new cluster", body: RECORD, labels: ["ims:change"] });
  const pr = sim.as("sam").openPullRequest(repo, { title: "Move payments to the new cluster", head: "new-cluster", body: `Moves the deployment.\n\nChange: #${record.number}`, labels: ["ims:change"], files: { "infra/cluster.tf": "cluster = \"b\"\n" } });
  d.say(`sam opened #${pr.number} linking #${record.number}; the app made ${describeCalls(await d.settle())}`);
  d.expect(show(pr.number).conclusion === "action_required", "a normal change without a security review is blocked");

  d.step("The security team approves at the head commit");
  sim.as("sec-lead").review(repo, pr.number, "APPROVE");
  d.say(`sec-lead approved; the app made ${describeCalls(await d.settle())}`);
  d.expect(show(pr.number).conclusion === "success", "approved by security at head passes");

  d.step("A new commit is pushed: the approval no longer speaks for the head");
  sim.as("sam").pushCommits(repo, pr.number, [{ message: "Bump replicas", files: { "infra/cluster.tf": "cluster = \"b\"\nreplicas = 3\n" } }]);
  d.say(`sam pushed; the app made ${describeCalls(await d.settle())}`);
  d.expect(show(pr.number).title.includes("invalidated by"), "the title names the invalidated approval");

  d.step("Security approves again, and the change is merged");
  sim.as("sec-lead").review(repo, pr.number, "APPROVE");
  d.say(`sec-lead approved again; the app made ${describeCalls(await d.settle())}`);
  d.expect(show(pr.number).conclusion === "success", "re-approval passes");
  sim.as("erin").merge(repo, pr.number);
  await d.settle();
  d.say(`erin merged #${pr.number}: main requires "${CHECK}", and it was green on the merged head`);

  d.step("An emergency change: one emergency approval, then a post-implementation review record");
  const em = sim.as("sam").openPullRequest(repo, { title: "Hotfix: disable the broken payment provider", head: "hotfix", body: "Provider X returns 500s.", labels: ["ims:change", "change:emergency"], files: { "infra/providers.tf": "x = false\n" } });
  sim.as("erin").review(repo, em.number, "APPROVE");
  d.say(`sam opened #${em.number}, erin (emergency approvers) approved; the app made ${describeCalls(await d.settle())}`);
  d.expect(show(em.number).conclusion === "success", "an emergency change with an emergency approval passes");
  // Post-implementation reviews of this pull request (post-incident reviews of incidents are other records).
  const reviews = [...sim.core.store.repoByName(repo).issues.values()].filter((i) => !i.pull && i.labels.includes("ims:post-incident-review") && i.title.startsWith("Post-implementation review:") && i.title.includes(em.title));
  d.expect(reviews.length === 1, "exactly one review record");
  const due = /\*\*Due: ([0-9-]+)\*\*/.exec(reviews[0]?.body ?? "")?.[1];
  d.say(`  review record #${reviews[0]?.number} (${reviews[0]?.labels.join(", ")}), due ${due}`);

  d.step("A standard change: docs only, pre-approved by rule");
  const docs = sim.as("alice").openPullRequest(repo, { title: "Fix a typo in the runbook", head: "docs-typo", body: "Typo.", labels: ["ims:change"], files: { "docs/runbook.md": "Restart the service.\n" } });
  d.say(`alice opened #${docs.number}; the app made ${describeCalls(await d.settle())}`);
  d.expect(show(docs.number).conclusion === "success", "a docs-only change passes as standard");
}
