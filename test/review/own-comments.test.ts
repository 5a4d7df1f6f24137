import { afterEach, expect, it } from "vitest";
import { isOwnComment } from "../../src/github/bot-identity.js";

const saved = process.env.APP_ID;
afterEach(() => {
  if (saved === undefined) delete process.env.APP_ID;
  else process.env.APP_ID = saved;
});

it("trusts markers only in comments this app wrote, not a person's nor another app's", () => {
  process.env.APP_ID = "42";
  expect(isOwnComment({ user: { login: "ims-bot[bot]", type: "Bot" }, performed_via_github_app: { id: 42 } })).toBe(true);
  expect(isOwnComment({ user: { login: "github-actions[bot]", type: "Bot" }, performed_via_github_app: { id: 15368 } })).toBe(false);
  expect(isOwnComment({ user: { login: "old-bot[bot]", type: "Bot" }, performed_via_github_app: null })).toBe(false);
  expect(isOwnComment({ user: { login: "mallory", type: "User" }, performed_via_github_app: { id: 42 } })).toBe(false);
});
