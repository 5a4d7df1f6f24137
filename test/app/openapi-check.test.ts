import { describe, expect, it } from "vitest";
import { checkRequest } from "../helpers/openapi.js";

// The integration tests trust this checker to catch requests GitHub would reject; prove it does.
describe("request checker against GitHub's OpenAPI description", () => {
  it("accepts a well-formed request", () => {
    expect(checkRequest({ method: "POST", url: "/repos/{owner}/{repo}/issues/{issue_number}/labels", owner: "o", repo: "r", issue_number: 1, labels: ["a"] })).toBeNull();
  });
  it("rejects a body that does not match the operation's schema", () => {
    expect(checkRequest({ method: "POST", url: "/repos/{owner}/{repo}/labels", owner: "o", repo: "r", name: "x", color: 5 })?.problem).toContain("color must be string");
  });
  it("rejects a path GitHub does not have", () => {
    expect(checkRequest({ method: "GET", url: "/repos/o/r/no-such-thing" })?.problem).toBe("no such path in GitHub's REST API");
  });
  it("matches absolute pagination URLs to their path template", () => {
    expect(checkRequest({ method: "GET", url: "https://api.github.com/repos/o/r/issues/1/comments?page=2" })).toBeNull();
  });
});
