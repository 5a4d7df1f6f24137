import { expect, it } from "vitest";
import { currentIndex, renderIndex } from "./list.js";

it("README.md lists every honest-gates test (regenerate with `npx tsx test/honest-gates/list.ts`)", () => {
  expect(currentIndex()).toBe(renderIndex());
});
