import { describe, expect, it } from "vitest";
import { checkHttp, checkRequest, checkResponseBody, compileEveryOperation } from "../helpers/openapi.js";

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
  it("compiles the schemas of every operation in the description", () => {
    const { operations, failures } = compileEveryOperation();
    expect(operations).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  });
  it("checks bodies whose schema has nullable without a type (issues.create, issues.update)", () => {
    expect(checkRequest({ method: "POST", url: "/repos/{owner}/{repo}/issues", owner: "o", repo: "r", title: "t", milestone: null, labels: ["a"] })).toBeNull();
    expect(checkRequest({ method: "PATCH", url: "/repos/{owner}/{repo}/issues/{issue_number}", owner: "o", repo: "r", issue_number: 1, title: null, state: "closed" })).toBeNull();
    expect(checkRequest({ method: "PATCH", url: "/repos/{owner}/{repo}/issues/{issue_number}", owner: "o", repo: "r", issue_number: 1, state: "shut" })?.problem).toContain("state must be equal to one of the allowed values");
  });
  it("rejects a query parameter the operation does not take", () => {
    expect(checkRequest({ method: "GET", url: "/repos/{owner}/{repo}/issues", owner: "o", repo: "r", status: "open" })?.problem).toBe("query parameter status is not one this operation takes");
  });
  it("rejects a query value outside the parameter's schema", () => {
    expect(checkRequest({ method: "GET", url: "/repos/{owner}/{repo}/issues", owner: "o", repo: "r", state: "shut" })?.problem).toContain("query parameter state=\"shut\"");
    expect(checkHttp({ method: "GET", path: "/repos/o/r/pulls", query: [["per_page", "many"]], body: undefined })?.problem).toContain("per_page");
  });
  it("accepts query values as strings of the parameter's type", () => {
    expect(checkHttp({ method: "GET", path: "/repos/o/r/pulls", query: [["per_page", "100"], ["state", "all"]], body: undefined })).toBeNull();
  });
  it("rejects a request without a required query parameter", () => {
    expect(checkHttp({ method: "GET", path: "/search/issues", query: [], body: undefined })?.problem).toBe("required query parameter q missing");
  });
  it("rejects a path parameter outside its schema", () => {
    expect(checkHttp({ method: "GET", path: "/repos/o/r/issues/abc", query: [], body: undefined })?.problem).toContain("path parameter issue_number");
  });
  it("checks query parameters of DELETE requests", () => {
    expect(checkHttp({ method: "DELETE", path: "/repos/o/r/issues/1/labels/x", query: [["force", "1"]], body: undefined })?.problem).toBe("query parameter force is not one this operation takes");
  });
  it("matches literal segments before parameters", () => {
    expect(checkHttp({ method: "GET", path: "/repos/o/r/issues/comments", query: [["since", "2026-01-01T00:00:00Z"]], body: undefined })).toBeNull();
  });
  it("rejects a response missing a field GitHub documents", () => {
    expect(checkResponseBody("GET", "/repos/o/r/compare/a...b", 200, { status: "ahead", files: [] })?.problem).toContain("must have required property 'ahead_by'");
  });
  it("rejects a success status GitHub does not document for the operation", () => {
    expect(checkResponseBody("POST", "/repos/o/r/issues/1/labels", 201, [])?.problem).toBe("status 201 is not one GitHub documents for this operation");
  });
});
