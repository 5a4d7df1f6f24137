import type { DemoEnv } from "../env.js";
import { seedAppLabels } from "../labels.js";

const RECORD = ["### Risk", "", "Low", "", "### Rollback plan", "", "Redeploy the previous image.", "", "### Test plan", "", "Staging, then smoke tests."].join("\n");

/** `YYYY-MM-DDTHH:MM` (UTC) of an instant: how a freeze window is written in `.github/ims.yml`. */
const local = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

/**
 * The deployment gate: ims-bot as production's custom protection rule. An approved change deployed
 * (approved), a direct push deployed (rejected, naming it), a freeze (rejected), an emergency change in
 * the freeze (approved, noted on its review), a failed deployment (the change fails).
 */
export async function deployments(d: DemoEnv): Promise<void> {
  const { sim, org } = d;
  const now = sim.clock.now().getTime();
  const config = ["deploy:", "  baseline: root", "change:", "  freezes:", `    - { from: "${local(now + 3600_000)}", to: "${local(now + 3 * 3600_000)}", timeZone: UTC, reason: payment provider migration }`, ""].join("\n");
  const repo = sim.createRepo({ owner: org, name: "checkout", files: { "infra/main.tf": "image = \"v1\"\n", ".github/ims.yml": config } });
  seedAppLabels(sim, repo);
  for (const u of ["sam", "sec-lead", "erin"]) sim.setPermission(repo, u, "write");
  sim.enableDeploymentRule(repo, "production");
  const record = sim.as("sam").openIssue(repo, { title: "[Change] Roll out image v2", body: RECORD, labels: ["ims:change"] });
  await d.settle();
  const deploy = async (who: string) => {
    const job = sim.as(who).runDeployJob(repo, { environment: "production", ref: "main" });
    const calls = await d.settle();
    const gate = sim.deploymentGate(job.runId);
    const answer = gate?.reviews.at(-1);
    d.say(`${who} ran the deploy job (deployment ${job.deployment.id}, ${job.deployment.sha.slice(0, 7)}): ${answer?.state ?? "no answer"}; the app made ${Object.values(calls).reduce((a, b) => a + b, 0)} GitHub API calls`);
    d.say(`  ${(answer?.comment ?? "").split("\n")[0]}`);
    return { job, state: gate?.state, comment: answer?.comment ?? "" };
  };

  d.step(`ims-bot is production's deployment protection rule in ${repo}; an approved change is merged (squash) and deployed`);
  const pr = sim.as("sam").openPullRequest(repo, { title: "Roll out image v2", head: "v2", body: `Change: #${record.number}`, labels: ["ims:change"], files: { "infra/main.tf": "image = \"v2\"\n" } });
  sim.as("sec-lead").review(repo, pr.number, "APPROVE");
  await d.settle();
  sim.as("sam").merge(repo, pr.number, { method: "squash" });
  await d.settle();
  const ok = await deploy("sam");
  d.expect(ok.state === "approved", "an approved change deploys");

  d.step("A direct push to main is deployed");
  const [pushed] = sim.as("sam").push(repo, "main", [{ message: "tweak image tag in place", files: { "infra/main.tf": "image = \"v2.1\"\n" } }]);
  await d.settle();
  const direct = await deploy("sam");
  d.expect(direct.state === "rejected" && direct.comment.includes(pushed!.sha.slice(0, 7)), "the direct push is rejected, named");

  d.step("The team reviews the direct push after the fact: an approved change to .github/ims.yml accepts it (deploy.baseline)");
  const accept = sim.as("sam").openPullRequest(repo, {
    title: "Accept the in-place image tweak",
    head: "accept-tweak",
    body: `Reviewed after the fact.\n\nChange: #${record.number}`,
    labels: ["ims:change"],
    files: { ".github/ims.yml": config.replace("baseline: root", `baseline: "${pushed!.sha}"`) },
  });
  sim.as("sec-lead").review(repo, accept.number, "APPROVE");
  await d.settle();
  sim.as("sam").merge(repo, accept.number);
  await d.settle();
  const accepted = await deploy("sam");
  d.expect(accepted.state === "approved", "after the approved baseline change the deployment passes");

  d.step("Two hours later, inside the change freeze");
  sim.clock.advance(2 * 3600_000);
  const frozen = await deploy("sam");
  d.expect(frozen.state === "rejected" && frozen.comment.includes("payment provider migration"), "a deployment in a freeze is rejected");

  d.step("An emergency change in the freeze: approved by an emergency approver, merged and deployed");
  const em = sim.as("sam").openPullRequest(repo, { title: "Hotfix: pin the provider SDK", head: "hotfix", body: `Change: #${record.number}`, labels: ["ims:change", "change:emergency"], files: { "infra/sdk.tf": "sdk = \"1.2.3\"\n" } });
  sim.as("erin").review(repo, em.number, "APPROVE");
  await d.settle();
  sim.as("erin").merge(repo, em.number);
  await d.settle();
  const emergency = await deploy("erin");
  d.expect(emergency.state === "approved", "an approved emergency change deploys in a freeze");

  d.step("The emergency deployment fails: the change's outcome is failed, on the record, the pull request and its review");
  sim.as("erin").finishDeployJob(repo, emergency.job.deployment.id, "failure");
  await d.settle();
  const review = sim.comments(repo, em.number).map((c) => /Post-implementation review: #(\d+)/.exec(c.body)?.[1]).find(Boolean);
  d.expect(sim.labels(repo, em.number).includes("change:failed"), "the failed deployment marks the change failed");
  const noted = review ? sim.comments(repo, Number(review)).some((c) => c.body.startsWith("<!-- ims-deployments")) : false;
  d.expect(noted, "the deployment is noted on the post-implementation review");
  d.say(`  #${em.number} labels: ${sim.labels(repo, em.number).join(", ")}; review record #${review ?? "?"} carries the deployment note`);
}
