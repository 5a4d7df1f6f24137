import { describe, expect, it } from "vitest";
import { postedByApp } from "../../src/flows/service-report-post.js";

const by = (login: string, type = "Bot") => ({ user: { login, type } });

describe("which issues the service report's poster takes for its own", () => {
  it("never a person's, whatever it carries; with the poster's logins known, only theirs (login or slug)", () => {
    expect(postedByApp(null)(by("mallory", "User"))).toBe(false);
    expect(postedByApp(null)(by("other-app[bot]"))).toBe(true);
    const ours = postedByApp(["ims-bot", "github-actions"]);
    expect(ours(by("ims-bot[bot]"))).toBe(true);
    expect(ours(by("github-actions[bot]"))).toBe(true);
    expect(ours(by("other-app[bot]"))).toBe(false);
    expect(ours(by("ims-bot", "User"))).toBe(false);
    expect(ours({ user: null })).toBe(false);
  });
});
