import { describe, expect, it } from "vitest";
import { noreplyLogin, parseCoAuthors } from "../../src/change/facts.js";

describe("parseCoAuthors", () => {
  it("reads Co-authored-by trailers, resolving GitHub noreply addresses to logins", () => {
    const message = "Fix the thing\n\nCo-authored-by: Bob B <41+bob@users.noreply.github.com>\nco-authored-by:Carol <carol@example.com>\r\n";
    expect(parseCoAuthors(message)).toEqual([
      { name: "Bob B", email: "41+bob@users.noreply.github.com", login: "bob" },
      { name: "Carol", email: "carol@example.com", login: null },
    ]);
  });

  it("ignores malformed lines and duplicates", () => {
    expect(parseCoAuthors("Co-authored-by: nobody\nCo-authored-by: A <a@x>\nCo-authored-by: A again <A@X>")).toEqual([{ name: "A", email: "a@x", login: null }]);
  });

  it("reads the login from old and new noreply addresses", () => {
    expect(noreplyLogin("bob@users.noreply.github.com")).toBe("bob");
    expect(noreplyLogin("123+bob-b@users.noreply.github.com")).toBe("bob-b");
    expect(noreplyLogin("bob@example.com")).toBeNull();
  });
});
