import type { components } from "@octokit/openapi-types";
import { describe, expect, it } from "vitest";
import { normaliseHistory, type IssueFacts, type TimelineItem } from "../../src/sla/timeline.js";

const alice = { login: "alice", type: "User" }; // reporter
const bob = { login: "bob", type: "User" }; // triager
const carol = { login: "carol", type: "User" }; // read-only
const bot = { login: "ims-bot[bot]", type: "Bot" };
const responders = new Set(["bob", "alice", "ims-bot[bot]"]);

const issue = (labels: string[] = [], extra: Partial<IssueFacts> = {}): IssueFacts => ({
  created_at: "2026-03-16T10:00:00Z",
  user: alice,
  labels: labels.map((name) => ({ name })),
  ...extra,
});
const labeled = (name: string, created_at: string, event: "labeled" | "unlabeled" = "labeled"): TimelineItem => ({
  event, created_at, label: { name }, actor: bob,
});
const comment = (user: typeof bob, created_at: string): TimelineItem => ({ event: "commented", created_at, user, actor: user });

describe("normaliseHistory", () => {
  it("starts an issue created with `ims:incident` at its creation, even without a labeled event", () => {
    const h = normaliseHistory(issue(["ims:incident", "priority:P2"]), [], { responders });
    expect(h.events).toContainEqual({ type: "incident", at: new Date("2026-03-16T10:00:00Z"), on: true });
    expect(h.events).toContainEqual({ type: "priority", at: new Date("2026-03-16T10:00:00Z"), priority: "P2" });
  });

  it("starts the clock when `ims:incident` is added later", () => {
    const h = normaliseHistory(issue(["ims:incident"]), [labeled("IMS:Incident", "2026-03-16T11:00:00Z")], { responders });
    expect(h.events.filter((e) => e.type === "incident")).toEqual([
      { type: "incident", at: new Date("2026-03-16T10:00:00Z"), on: false },
      { type: "incident", at: new Date("2026-03-16T11:00:00Z"), on: true },
    ]);
  });

  it("reconstructs labels that were on at creation and removed later", () => {
    const h = normaliseHistory(issue([]), [labeled("status:waiting", "2026-03-16T12:00:00Z", "unlabeled")], { responders });
    expect(h.events.filter((e) => e.type === "waiting").map((e) => e.type === "waiting" && e.on)).toEqual([true, false]);
  });

  it("counts a comment only from a human responder other than the reporter", () => {
    const h = normaliseHistory(
      issue(["ims:incident"]),
      [comment(alice, "2026-03-16T10:01:00Z"), comment(bot, "2026-03-16T10:02:00Z"), comment(carol, "2026-03-16T10:03:00Z"), comment(bob, "2026-03-16T10:04:00Z")],
      { responders },
    );
    expect(h.events.filter((e) => e.type === "response")).toEqual([
      { type: "response", at: new Date("2026-03-16T10:04:00Z"), by: "bob", via: "comment" },
    ]);
  });

  it("accepts a predicate for responders", () => {
    const h = normaliseHistory(issue(["ims:incident"]), [comment(carol, "2026-03-16T10:03:00Z")], { responders: (l) => l === "carol" });
    expect(h.events.some((e) => e.type === "response")).toBe(true);
  });

  it("counts an assignment by a person, but not by a bot or a reporter assigning themselves", () => {
    const timeline: TimelineItem[] = [
      { event: "assigned", created_at: "2026-03-16T10:01:00Z", actor: bot, assignee: bob },
      { event: "assigned", created_at: "2026-03-16T10:02:00Z", actor: alice, assignee: alice },
      { event: "assigned", created_at: "2026-03-16T10:03:00Z", actor: bob, assignee: bob },
    ];
    const h = normaliseHistory(issue(["ims:incident"]), timeline, { responders });
    expect(h.events.filter((e) => e.type === "response")).toEqual([
      { type: "response", at: new Date("2026-03-16T10:03:00Z"), by: "bob", via: "assignment" },
    ]);
  });

  it("resolves two priority labels to the most severe, or the least when configured", () => {
    const timeline = [labeled("priority:P3", "2026-03-16T10:05:00Z"), labeled("priority:P1", "2026-03-16T10:06:00Z")];
    const highest = normaliseHistory(issue(["ims:incident"]), timeline, { responders });
    const lowest = normaliseHistory(issue(["ims:incident"]), timeline, { responders, conflict: "lowest" });
    const last = (h: typeof highest) => h.events.filter((e) => e.type === "priority").at(-1);
    expect(last(highest)).toMatchObject({ priority: "P1" });
    expect(last(lowest)).toMatchObject({ priority: "P3" });
  });

  it("records close and reopen, and closes a closed issue whose timeline lacks the event", () => {
    const timeline: TimelineItem[] = [
      { event: "closed", created_at: "2026-03-16T12:00:00Z", actor: bob },
      { event: "reopened", created_at: "2026-03-16T13:00:00Z", actor: alice },
    ];
    const h = normaliseHistory(issue(["ims:incident"], { state: "closed", closed_at: "2026-03-16T15:00:00Z" }), timeline, { responders });
    expect(h.events.filter((e) => e.type === "closed" || e.type === "reopened").map((e) => [e.type, e.at.toISOString()])).toEqual([
      ["closed", "2026-03-16T12:00:00.000Z"],
      ["reopened", "2026-03-16T13:00:00.000Z"],
      ["closed", "2026-03-16T15:00:00.000Z"],
    ]);
  });

  it("ignores items of other kinds and items without a time", () => {
    const h = normaliseHistory(issue(["ims:incident"]), [{ event: "committed" }, { event: "renamed", created_at: "2026-03-16T10:01:00Z" }], {
      responders,
    });
    expect(h.events).toHaveLength(3);
  });

  it("accepts Octokit's timeline and issue types as they are", () => {
    const fromOctokit: components["schemas"]["timeline-issue-events"][] = [];
    const issueFromOctokit = null as unknown as components["schemas"]["issue"];
    const items: readonly TimelineItem[] = fromOctokit;
    const facts: IssueFacts = issueFromOctokit;
    expect(items).toEqual([]);
    expect(facts).toBeNull();
  });
});
