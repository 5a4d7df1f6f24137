import type { DemoEnv } from "../env.js";
import { describeCalls } from "../narrate.js";

/** Installing the app: the labels exist before anyone files an issue, and one onboarding pull request is offered and merged. */
export async function install(d: DemoEnv): Promise<void> {
  const { sim, repo } = d;
  d.step("The organisation installs ims-bot");
  sim.installApp();
  d.say(`installation.created; the app made ${describeCalls(await d.settle())}`);
  d.say(`labels in ${repo}: ${sim.labels(repo).length} (ims:incident, priority:P1, ...), so a form's labels are kept`);
  const pr = [...sim.core.store.repoByName(repo).issues.values()].find((i) => i.pull?.headRef === "ims-bot/onboarding");
  d.expect(pr !== undefined, "the installation should open the onboarding pull request");
  if (!pr) return;
  d.say(`onboarding pull request #${pr.number}: ${pr.title}`);
  for (const line of (pr.body ?? "").split("\n").filter((l) => /^- (`|✅|❌|❔)/.test(l))) d.say(`  │ ${line.length > 110 ? line.slice(0, 107) + "..." : line}`);
  d.step("maria (admin) merges the onboarding pull request");
  sim.as("maria").merge(repo, pr.number);
  d.say(`merged; the app made ${describeCalls(await d.settle())}`);
  sim.installApp();
  await d.settle();
  const offers = [...sim.core.store.repoByName(repo).issues.values()].filter((i) => i.pull?.headRef === "ims-bot/onboarding").length;
  d.expect(offers === 1, "a second installation event should open no second onboarding pull request");
}
