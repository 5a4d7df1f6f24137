import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/commands/index.js";
import { describeAudience } from "../../src/commands/specs.js";
import { commandsSection } from "../../src/records/commands-help.js";
import { KIND_IDS, KINDS, kindOf } from "../../src/records/kinds.js";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
// the simulator is GitHub, and the demo plays people typing label names: neither is the app
const NOT_THE_APP = ["simulator/", "demo/"];

function sources(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : file.endsWith(".ts") ? [file] : [];
  });
}

const appFiles = () => sources().filter((f) => !NOT_THE_APP.some((d) => path.relative(SRC, f).startsWith(d)));
/** The code of a file without its comments (a comment may name a label; code must read the registry). */
const code = (file: string) => readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
const rel = (f: string) => path.relative(SRC, f).split(path.sep).join("/");

describe("a record kind has one home", () => {
  it("no module but the registry names a kind's label", () => {
    const labels = KIND_IDS.map((k) => KINDS[k].label);
    const naming = appFiles().filter((f) => rel(f) !== "records/kinds.ts" && labels.some((l) => code(f).toLowerCase().includes(l)));
    expect(naming.map(rel)).toEqual([]);
  });

  it("the kind union is written once, in the registry", () => {
    const union = /"incident"\s*\|\s*"problem"\s*\|\s*"change"/;
    expect(appFiles().filter((f) => union.test(code(f))).map(rel)).toEqual([]);
  });

  it("recognises a kind by its label in any case, the first kind winning", () => {
    expect(kindOf(["IMS:Incident"])).toBe("incident");
    expect(kindOf(["ims:PROBLEM", "ims:incident"])).toBe("incident");
    expect(kindOf(["ims:change", "ims:problem"])).toBe("problem");
    expect(kindOf(["ims:incidents", "incident"])).toBeNull();
  });

  it("each kind's issue forms exist and label the issue with the kind's label", () => {
    for (const kind of KIND_IDS) {
      for (const name of KINDS[kind].forms) {
        const form = parse(readFileSync(new URL(`../../templates/ISSUE_TEMPLATE/${name}`, import.meta.url), "utf8")) as { labels?: string[] };
        expect(kindOf(form.labels ?? []), `${name}`).toBe(kind);
      }
    }
  });
});

describe("commands are listed explicitly", () => {
  it("are registered by no import side effect and kept in no module-level variable", () => {
    const index = readFileSync(path.join(SRC, "index.ts"), "utf8");
    expect(index).not.toMatch(/^import\s+["'][^"']*commands[^"']*["'];?$/m);
    for (const f of appFiles()) expect(code(f), rel(f)).not.toMatch(/registerCommands|setCommandHelp/);
    expect(code(path.join(SRC, "records/commands-help.ts"))).not.toMatch(/^export let /m);
  });

  it("a record's card lists the commands of /ims help that apply to its kind, in the same order", () => {
    for (const kind of KIND_IDS) {
      const listed = COMMANDS.filter((c) => c.on.includes(kind)).map((c) => `\`${c.usage}\` (${describeAudience(c.audience)})`);
      expect(commandsSection(kind).body).toBe(`**Commands:** ${listed.join(" · ")}`);
    }
    expect(COMMANDS.map((c) => c.verb)).toEqual(["help", "assess", "major", "outage", "problem", "link", "accept-risk", "known-error", "recheck", "setup"]);
  });
});
