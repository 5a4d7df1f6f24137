import type { DemoEnv } from "../env.js";
import { cardLines, describeCalls } from "../narrate.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Issue 13 (simulator and demo): GitHub security alerts become security events with remediation clocks. */
export async function alerts(d: DemoEnv): Promise<void> {
  const { sim, repo, org } = d;
  sim.quietly(() => {
    for (const [slug, members] of [["security", ["sec-lead"]], ["management", ["maria"]]] as const) {
      try {
        sim.createTeam(org, { slug, members: [...members] });
      } catch {
        // another chapter created it already
      }
    }
  });
  const labels = (n: number) => sim.labels(repo, n).sort().join(", ");
  const has = (n: number, label: string) => sim.labels(repo, n).includes(label);
  const last = (n: number) => sim.comments(repo, n).filter((c) => c.user === sim.botLogin).at(-1)?.body.split("\n").find((l) => l.trim() && !l.startsWith("<!--")) ?? "";
  /** The app's record of an alert: the one issue it opened with the alert's source label since `after`. */
  const recordOf = (source: string, after: number) =>
    [...sim.core.store.repoByName(repo).issues.values()].find((i) => i.number > after && i.user === sim.botLogin && i.labels.includes(`source:${source}`));
  const newest = () => Math.max(0, ...[...sim.core.store.repoByName(repo).issues.keys()]);
  const sweep = async () => {
    sim.as("github-actions[bot]").dispatch(repo, "ims-sweep");
    return describeCalls(await d.settle());
  };

  d.step("Dependabot raises a critical alert: it becomes a P1 security event with a 7-day remediation target");
  const before = newest();
  const alert = sim.as("dependabot[bot]").raiseAlert(repo, "dependabot", { severity: "critical", package: "npm/lodash", summary: "Prototype pollution in lodash" });
  d.say(`dependabot_alert.created (alert #${String(alert.number)}); the app made ${describeCalls(await d.settle())}`);
  const rec = recordOf("dependabot", before);
  if (!rec) {
    d.expect(false, "a critical Dependabot alert should open a record");
    return;
  }
  d.say(`#${rec.number} "${rec.title}"`);
  d.say(`labels: ${labels(rec.number)}`);
  for (const l of cardLines(sim, repo, rec.number, 10)) d.say(`  │ ${l}`);
  d.expect(["priority:P1", "security:event", "source:dependabot", "alert-severity:critical"].every((l) => has(rec.number, l)), "a critical alert's record should be a P1 security event from Dependabot");

  d.step("The security team responds; carol closes the record by hand while the alert is open: it reopens");
  sim.as("sec-lead").comment(repo, rec.number, "Taking this: the lodash upgrade is in review.");
  await d.settle();
  sim.as("carol").close(repo, rec.number);
  d.say(`carol closed #${rec.number}; the app read the alert back and made ${describeCalls(await d.settle())}`);
  d.say(`state: ${sim.issue(repo, rec.number).state}; ${last(rec.number)}`);
  d.expect(sim.issue(repo, rec.number).state === "open", "a record whose alert is still open should reopen");

  d.step("Time passes: the remediation target comes close, then is missed; the sweep escalates");
  sim.clock.advance(5 * DAY + 6 * HOUR);
  d.say(`5¼ days later a sweep made ${await sweep()}`);
  d.say(`labels: ${labels(rec.number)}`);
  for (const l of cardLines(sim, repo, rec.number, 40).filter((l) => l.startsWith("- Resolve"))) d.say(`  │ ${l}`);
  d.expect(has(rec.number, "sla:at-risk"), "three quarters of the 7-day target used: at risk");
  sim.clock.advance(2 * DAY);
  d.say(`7¼ days after the alert a sweep made ${await sweep()}`);
  const mgmt = sim.comments(repo, rec.number).filter((c) => c.user === sim.botLogin && c.body.includes("ims-escalated level=management"));
  d.say(`labels: ${labels(rec.number)}; management mentions: ${mgmt.length}`);
  d.expect(has(rec.number, "sla:breached") && mgmt.length === 1, "the missed remediation target should escalate to management once");

  d.step("The upgrade merges and Dependabot marks the alert fixed: the record closes");
  sim.as("dependabot[bot]").changeAlert(repo, "dependabot", Number(alert.number), { action: "fixed" });
  d.say(`dependabot_alert.fixed; the app read the alert back (GitHub agrees) and made ${describeCalls(await d.settle())}`);
  d.say(`state: ${sim.issue(repo, rec.number).state}; ${last(rec.number)}`);
  d.expect(sim.issue(repo, rec.number).state === "closed", "a fixed alert closes its record");

  d.step("Secret scanning finds a token in a commit: a P1 security event with a 1-day target");
  const beforeSecret = newest();
  const secret = sim.as("github[bot]").raiseAlert(repo, "secret-scanning", { secretType: "github_personal_access_token" });
  d.say(`secret_scanning_alert.created (alert #${String(secret.number)}); the app made ${describeCalls(await d.settle())}`);
  const srec = recordOf("secret-scanning", beforeSecret);
  if (!srec) {
    d.expect(false, "a secret scanning alert should open a record");
    return;
  }
  d.say(`#${srec.number} "${srec.title}"; labels: ${labels(srec.number)}`);
  d.expect(has(srec.number, "priority:P1") && !has(srec.number, "cia:confidentiality"), "a new secret is P1, not yet known to be exposed");

  d.step("GitHub finds the secret leaked publicly: confidentiality impact on the record");
  sim.as("github[bot]").changeAlert(repo, "secret-scanning", Number(secret.number), { action: "publicly_leaked" });
  d.say(`secret_scanning_alert.publicly_leaked; the app made ${describeCalls(await d.settle())}`);
  d.say(`labels: ${labels(srec.number)} (P1 is already the highest priority: the leak adds the CIA impact)`);
  for (const l of cardLines(sim, repo, srec.number, 40).filter((l) => /^\*\*(Security impact|SLA targets)/.test(l))) d.say(`  │ ${l}`);
  d.expect(has(srec.number, "cia:confidentiality") && has(srec.number, "priority:P1"), "a leaked secret is confidentiality impact");

  d.step("sam revokes the token and resolves the alert as revoked: the record closes");
  sim.as("sam").changeAlert(repo, "secret-scanning", Number(secret.number), { action: "resolved", resolution: "revoked", comment: "Token revoked and rotated." });
  d.say(`secret_scanning_alert.resolved (revoked); the app made ${describeCalls(await d.settle())}`);
  d.say(`state: ${sim.issue(repo, srec.number).state}; ${last(srec.number)}`);
  d.expect(sim.issue(repo, srec.number).state === "closed", "a secret resolved as revoked is remediated");
}
