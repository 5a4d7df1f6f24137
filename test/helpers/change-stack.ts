import { expect } from "vitest";
import { seedAppLabels } from "../../src/demo/labels.js";
import { startStack, type Stack } from "../../src/demo/stack.js";
import type { CheckRun } from "../../src/simulator/index.js";

export const REPO = "acme/web";
export const CHECK = "IMS / change control";
export const RECORD = ["### Risk", "", "Low", "", "### Rollback plan", "", "Revert the PR.", "", "### Test plan", "", "Staging, then smoke tests."].join("\n");

/** The real app against the simulator: org acme, repo acme/web, teams security and emergency-approvers, change record #1. */
export async function changeStack(opts: { config?: string } = {}): Promise<Stack> {
  const stack = await startStack({ now: "2026-03-02T09:00:00Z" });
  const { sim } = stack;
  sim.createOrg("acme", { members: ["alice", "bob", "sec1", "sec2", "dave", "erin"] });
  sim.createRepo({ owner: "acme", name: "web", files: { "README.md": "# web\n", "infra/main.tf": "a\n", "docs/guide.md": "x\n", ...(opts.config ? { ".github/ims.yml": opts.config } : {}) } });
  seedAppLabels(sim, REPO);
  for (const u of ["alice", "bob", "sec1", "sec2", "dave"]) sim.setPermission(REPO, u, "write");
  sim.setPermission(REPO, "erin", "maintain");
  sim.createTeam("acme", { slug: "security", members: ["sec1", "sec2", "alice"] });
  sim.createTeam("acme", { slug: "emergency-approvers", members: ["dave"] });
  sim.as("bob").openIssue(REPO, { title: "Rotate the load balancer certificate", body: RECORD, labels: ["ims:change"] });
  await sim.settle();
  return stack;
}

/** Opens a change PR by alice touching infra/, linking record #1. */
export function openChange(stack: Stack, patch: { body?: string; labels?: string[]; files?: Record<string, string | null>; head?: string } = {}) {
  return stack.sim.as("alice").openPullRequest(REPO, {
    title: "Rotate the certificate",
    head: patch.head ?? "rotate-cert",
    body: patch.body ?? "Rotate it.\n\nChange: #1",
    labels: patch.labels ?? ["ims:change"],
    files: patch.files ?? { "infra/main.tf": "b\n" },
  });
}

/** The newest `IMS / change control` run on the PR's current head. */
export function checkOf(stack: Stack, number: number, repo = REPO): CheckRun | undefined {
  const head = stack.sim.pull(repo, number).pull.headSha;
  return stack.sim.checkRuns(repo, head).filter((c) => c.name === CHECK).at(-1);
}

export function summary(run: CheckRun | undefined): string {
  return run?.output.summary ?? "";
}

/** An emergency change by alice, approved by dave (the emergency approver): it passes and opens its review record. */
export async function approvedEmergencyChange(stack: Stack) {
  const pr = openChange(stack, { labels: ["ims:change", "change:emergency"] });
  stack.sim.as("dave").review(REPO, pr.number, "APPROVE");
  await stack.sim.settle();
  return pr;
}

/** A change PR by alice linking `link` (e.g. `#2`, `acme/ops#1`), approved by sec1 at its head. */
export async function approvedChangeLinking(stack: Stack, link: string, patch: Parameters<typeof openChange>[1] = {}) {
  const pr = openChange(stack, { body: `Rotate it.\n\nChange: ${link}`, ...patch });
  stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
  await stack.sim.settle();
  return pr;
}

/** A stack whose main requires the check, with alice's change #2 approved by sec1 and passing. */
export async function approvedOnProtectedMain(): Promise<{ stack: Stack; number: number }> {
  const stack = await changeStack();
  stack.sim.protectBranch(REPO, "main", [CHECK]);
  const pr = openChange(stack);
  stack.sim.as("sec1").review(REPO, pr.number, "APPROVE");
  await stack.sim.settle();
  expect(checkOf(stack, pr.number)?.conclusion).toBe("success");
  return { stack, number: pr.number };
}

/** Another repository of the same owner (`acme/<name>`), with the app's labels; `writers` get write permission. */
export function extraRepo(stack: Stack, name: string, writers: string[] = []): string {
  const repo = `acme/${name}`;
  stack.sim.createRepo({ owner: "acme", name, files: { "README.md": `# ${name}\n` } });
  seedAppLabels(stack.sim, repo);
  for (const login of writers) stack.sim.setPermission(repo, login, "write");
  return repo;
}

/** A change record (#1, by bob) in another repository of the same owner; returns its reference, `acme/<name>#1`. */
export async function recordElsewhere(stack: Stack, name = "changes"): Promise<string> {
  const repo = extraRepo(stack, name);
  stack.sim.as("bob").openIssue(repo, { title: "Rotate the certificate", body: RECORD, labels: ["ims:change"] });
  await stack.sim.settle();
  return `${repo}#1`;
}
