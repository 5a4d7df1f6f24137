import { afterEach, beforeEach } from "vitest";
import { seedAppLabels } from "../../src/demo/labels.js";
import { startStack, type Stack } from "../../src/demo/stack.js";
import type { Comment } from "../../src/simulator/index.js";

export const REPO = "acme/web";
/** Monday 09:00 UTC: business calendars are open. */
export const T0 = "2026-03-02T09:00:00Z";
export const MIN = 60_000;

/** An incident form body, as GitHub renders the issue form. */
export function form(impact: string, urgency: string, service = "payments-api", extra: string[] = []): string {
  return [
    "### Impact", "", impact, "",
    "### Urgency", "", urgency, "",
    "### Affected service", "", service, "",
    "### Security impact", "", ...(extra.length ? extra.map((e) => `- [X] ${e}`) : ["- [ ] Confidentiality"]), "",
    "### What happened", "", "Checkout fails.",
  ].join("\n");
}

/** The real app against the simulator: org acme with teams, people and permissions. */
export async function incidentStack(): Promise<Stack> {
  const stack = await startStack({ now: T0 });
  const { sim } = stack;
  sim.createOrg("acme", { members: ["alice", "tom", "bob", "sec1", "mgr1", "desk1"] });
  sim.createRepo({ owner: "acme", name: "web" });
  seedAppLabels(sim, "acme/web");
  sim.quietly(() => {
    sim.createTeam("acme", { slug: "security", members: ["sec1"] });
    sim.createTeam("acme", { slug: "management", members: ["mgr1"] });
    sim.createTeam("acme", { slug: "service-desk", members: ["desk1"] });
  });
  sim.setPermission(REPO, "tom", "triage");
  sim.setPermission(REPO, "bob", "write");
  sim.setPermission(REPO, "sec1", "triage");
  sim.setPermission(REPO, "alice", "read");
  return stack;
}

export const botComments = (stack: Stack, n: number): Comment[] => stack.sim.comments(REPO, n).filter((c) => c.user === stack.sim.botLogin);
export const card = (stack: Stack, n: number): string => botComments(stack, n).find((c) => c.body.startsWith("<!-- ims-card -->"))?.body ?? "";
export const withMarker = (stack: Stack, n: number, text: string): Comment[] => botComments(stack, n).filter((c) => c.body.includes(text));
/** Writes (POST, PATCH, PUT, DELETE) the app made since the request log was last reset. */
export const writes = (stack: Stack): Record<string, number> => stack.sim.requestCounts((r) => r.method !== "GET" && r.actor === stack.sim.botLogin && !r.route.includes("access_tokens"));

/** A sweep now, as a scheduled Actions workflow asks for it (`repository_dispatch: ims-sweep`), settled. */
export async function sweepNow(stack: Stack, repo = REPO): Promise<void> {
  stack.sim.as("ops").dispatch(repo, "ims-sweep");
  await stack.sim.settle();
}

/** Registers a fresh incidentStack() for every test (stopped after it); `bind` receives it. */
export function useIncidentStack(bind: (stack: Stack) => void): void {
  let stack: Stack;
  beforeEach(async () => {
    stack = await incidentStack();
    bind(stack);
  });
  afterEach(async () => stack.stop());
}
