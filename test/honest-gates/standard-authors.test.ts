import { afterEach, describe, expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { REPO, changeStack, checkOf, summary } from "../helpers/change-stack.js";

const CONFIG = [
  "change:",
  "  allPullRequests: true",
  "  standard:",
  "    - name: dependency bumps",
  "      paths: [package.json]",
  "      authors: [deps-bot]",
  "",
].join("\n");

let stack: Stack;
afterEach(async () => stack.stop());

/** deps-bot (listed) opens a dependency bump with a commit GitHub verified. */
async function bump() {
  stack = await changeStack({ config: CONFIG });
  stack.sim.setPermission(REPO, "deps-bot", "write");
  const pr = stack.sim.as("deps-bot").openPullRequest(REPO, { title: "Bump left-pad", head: "bump", body: "Bump.", commits: [{ message: "bump", files: { "package.json": "{\"v\":2}\n" }, signed: true }] });
  await stack.sim.settle();
  return pr.number;
}

describe("red team: a standard rule's author list", () => {
  it("a signed commit by the listed author is pre-approved", async () => {
    const n = await bump();
    expect(checkOf(stack, n)?.conclusion).toBe("success");
  });

  it("a commit pushed onto the bot's branch under the bot's name (any email) is not by the listed author", async () => {
    const n = await bump();
    stack.sim.as("alice").pushCommits(REPO, n, [{ message: "bump more", files: { "package.json": "{\"v\":\"evil\"}\n" }, author: { name: "deps-bot", email: "alice@evil.example" } }]);
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).not.toBe("success");
  });

  it("an unsigned commit under the bot's own noreply address proves nothing either", async () => {
    const n = await bump();
    const bot = stack.sim.core.store.findUser("deps-bot")!;
    stack.sim.as("alice").pushCommits(REPO, n, [{ message: "bump more", files: { "package.json": "{\"v\":\"evil\"}\n" }, author: { name: "deps-bot", email: `${bot.id}+deps-bot@users.noreply.github.com` }, committer: { name: "deps-bot", email: `${bot.id}+deps-bot@users.noreply.github.com` } }]);
    await stack.sim.settle();
    expect(checkOf(stack, n)?.conclusion).not.toBe("success");
    expect(summary(checkOf(stack, n))).not.toContain("pre-approved");
  });
});
