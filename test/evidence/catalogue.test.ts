import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { controlKey, controlsFor, loadDefaultCatalogue, mergeControls, parseCatalogue } from "../../src/evidence/catalogue.js";
import { EVIDENCE_KINDS } from "../../src/evidence/kinds.js";
import { REPO_ROOT } from "./helpers.js";

const text = readFileSync(path.join(REPO_ROOT, "workflows/controls.yml"), "utf8");

describe("control catalogue", () => {
  it("validates workflows/controls.yml against its schema", () => {
    const cat = parseCatalogue(text);
    expect(cat.controls.length).toBeGreaterThan(60);
    expect(new Set(cat.controls.map(controlKey)).size).toBe(cat.controls.length);
  });

  it("labels the 20000-1 column as our reading", () => {
    const cat = loadDefaultCatalogue();
    expect(cat.catalogues["iso20000-1-2018"].basis).toBe("our-reading");
    expect(cat.catalogues["iso20000-1-2018"].note).toMatch(/our reading/);
  });

  it("carries the clause 8 correspondence rows of DOMAIN.md", () => {
    const cat = loadDefaultCatalogue();
    const row = (id: string) => cat.correspondence.find((r) => r["iso27001-2013"].includes(id));
    expect(row("A.16.1.4")).toMatchObject({ "iso27001-2022": ["5.25"], "iso20000-1-2018": ["8.6.1", "8.7.3.3"] });
    expect(row("A.12.1.2")).toMatchObject({ "iso27001-2022": ["8.32"], "iso20000-1-2018": ["8.5.1", "8.5.3"] });
    expect(row("A.16.1.6")).toMatchObject({ "iso27001-2022": ["5.27"], "iso20000-1-2018": ["8.6.3", "10.2"] });
  });

  it("maps every evidence kind to at least one control", () => {
    const cat = loadDefaultCatalogue();
    for (const kind of EVIDENCE_KINDS) expect(controlsFor(cat, kind).length, kind).toBeGreaterThan(0);
    expect(controlsFor(cat, "security-review").map(controlKey)).toContain("iso27001-2022:8.32");
  });

  it("maps vulnerability evidence to technical vulnerability management, and threat intelligence only in part", () => {
    const cat = loadDefaultCatalogue();
    for (const kind of ["vulnerability-recorded", "vulnerability-remediated", "vulnerability-dismissed"] as const) {
      expect(controlsFor(cat, kind).map(controlKey), kind).toEqual(expect.arrayContaining(["iso27001-2013:A.12.6.1", "iso27001-2022:8.8", "iso20000-1-2018:8.7.3.2"]));
    }
    // 5.7 is evidenced only by the alert having been received (one source of threat intelligence), and its title says so
    expect(controlsFor(cat, "vulnerability-recorded").map(controlKey)).toContain("iso27001-2022:5.7");
    expect(controlsFor(cat, "vulnerability-remediated").map(controlKey)).not.toContain("iso27001-2022:5.7");
    expect(cat.controls.find((c) => controlKey(c) === "iso27001-2022:5.7")?.title).toMatch(/in part/);
  });

  it("rejects a catalogue that names a control it does not define", () => {
    const broken = text.replace('incident-classified:\n    iso27001-2013: [A.16.1.1, A.16.1.2]', "incident-classified:\n    iso27001-2013: [A.99.9]");
    expect(() => parseCatalogue(broken)).toThrow(/evidence\.incident-classified\.iso27001-2013.*A\.99\.9/);
  });

  it("rejects unknown keys with the file and path", () => {
    expect(() => parseCatalogue(text + "\nextra: 1\n")).toThrow(/workflows\/controls\.yml/);
  });

  it("merges config overrides: same id replaces, new id extends, unknown kind is an error naming the path", () => {
    const cat = loadDefaultCatalogue();
    const merged = mergeControls(cat, [
      { catalogue: "iso27001-2022", id: "8.32", title: "Our change management", evidence: ["change-approved"] },
      { catalogue: "iso20000-1-2018", id: "8.6.2", title: "Service requests", evidence: ["incident-classified"] },
    ]);
    const c832 = merged.controls.find((c) => controlKey(c) === "iso27001-2022:8.32")!;
    expect(c832).toMatchObject({ title: "Our change management", evidence: ["change-approved"], origin: "override" });
    expect(merged.controls.find((c) => c.id === "8.6.2")).toMatchObject({ origin: "extension" });
    expect(merged.controls.length).toBe(cat.controls.length + 1);
    expect(() => mergeControls(cat, [{ catalogue: "iso27001-2022", id: "x", title: "x", evidence: ["nope"] }])).toThrow(
      /evidence\.controls\.0\.evidence\.0.*got `nope`/,
    );
  });
});
