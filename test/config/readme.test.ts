import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configReference, DESCRIPTIONS, settingPaths } from "../../src/config/reference.js";
import { commandsReference } from "../../src/commands/reference.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const paths = () => new Set(settingPaths().map((l) => l.path.replace(/^sla\.targets\.P[1-4]\./, "sla.targets.<P>.")));

describe("README configuration reference", () => {
  it("is the one generated from the schema (run `npm run docs:config` after changing the schema)", () => {
    const block = /<!-- config-reference:start[^>]*-->\n([\s\S]*?)\n<!-- config-reference:end -->/.exec(readme)?.[1];
    expect(block).toBe(configReference());
  });

  it("describes every setting of the schema, and only settings that exist", () => {
    const all = paths();
    expect([...all].filter((p) => !DESCRIPTIONS[p])).toEqual([]);
    expect(Object.keys(DESCRIPTIONS).filter((p) => !all.has(p))).toEqual([]);
  });
});

describe("README commands table", () => {
  it("lists every registered command with where it works and who may use it (run `npm run docs:config`)", () => {
    const block = /<!-- commands:start[^>]*-->\n([\s\S]*?)\n<!-- commands:end -->/.exec(readme)?.[1];
    expect(block).toBe(commandsReference());
    for (const verb of ["help", "assess", "major", "problem", "link", "known-error", "recheck"]) expect(block).toContain(`/ims ${verb}`);
  });
});
