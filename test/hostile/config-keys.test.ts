import { expect, it } from "vitest";
import { formatConfigError } from "../../src/config/errors.js";
import { resolveConfig } from "../../src/config/resolve.js";

it("an unknown config key with backticks stays inside its code span: no mention or HTML reaches the card", () => {
  const { errors } = resolveConfig({ classification: { "a` @acme/security <img src=x onerror=alert(1)> `b": 1 } });
  const text = errors.map(formatConfigError).join("\n");
  expect(text).toContain("`classification.a' @acme/security <img src=x onerror=alert(1)> 'b` is not a known setting");
  // the mention is inside a code span: an odd number of backticks before it
  const at = text.indexOf("@acme");
  expect((text.slice(0, at).match(/`/g) ?? []).length % 2).toBe(1);
});
