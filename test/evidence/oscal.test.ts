import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import formats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { buildBundle, REPO_ROOT } from "./helpers.js";

const SCHEMA = path.resolve(REPO_ROOT, "../shared/schemas/oscal/oscal_assessment-results_schema.json");
const PLAN_SCHEMA = path.resolve(REPO_ROOT, "../shared/schemas/oscal/oscal_assessment-plan_schema.json");
const exists = existsSync(SCHEMA);
const planExists = existsSync(PLAN_SCHEMA);
if (!exists) console.log(`oscal: NIST OSCAL 1.0.6 schema not found at ${SCHEMA}; schema validation ${process.env.CI ? "FAILS (CI)" : "skipped"}`);

const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats) as unknown as (ajv: Ajv) => Ajv;

describe("oscal/assessment-results.json", () => {
  it.skipIf(!exists && !process.env.CI)("validates against NIST's OSCAL 1.0.6 assessment-results JSON schema", async () => {
    expect(exists, `OSCAL schema missing at ${SCHEMA} (CI must provide ../shared/schemas)`).toBe(true);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, "utf8")));
    for (const signingKey of [undefined, null]) {
      const b = await buildBundle(signingKey === null ? { signingKey: null } : {});
      const doc = JSON.parse(readFileSync(path.join(b.out, "oscal/assessment-results.json"), "utf8"));
      const ok = validate(doc);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toEqual([]);
      expect(ok).toBe(true);
    }
    // the validator is live: a document missing a required field fails
    const b = await buildBundle();
    const broken = JSON.parse(readFileSync(path.join(b.out, "oscal/assessment-results.json"), "utf8"));
    delete broken["assessment-results"].results[0].findings[0].target;
    expect(validate(broken)).toBe(false);
  });

  it.skipIf(!planExists && !process.env.CI)("oscal/assessment-plan.json validates against NIST's OSCAL 1.0.6 assessment-plan JSON schema", async () => {
    expect(planExists, `OSCAL schema missing at ${PLAN_SCHEMA} (CI must provide ../shared/schemas)`).toBe(true);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(PLAN_SCHEMA, "utf8")));
    const b = await buildBundle();
    const doc = JSON.parse(readFileSync(path.join(b.out, "oscal/assessment-plan.json"), "utf8"));
    validate(doc);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toEqual([]);
    expect(b.manifest.files.map((f) => f.path)).toContain("oscal/assessment-plan.json");
    // the validator is live: a plan without its SSP import fails
    delete doc["assessment-plan"]["import-ssp"];
    expect(validate(doc)).toBe(false);
  });

  it("import-ap, every relevant-evidence href and every finding's target resolve inside the bundle", async () => {
    const b = await buildBundle();
    const ar = JSON.parse(readFileSync(path.join(b.out, "oscal/assessment-results.json"), "utf8"))["assessment-results"];
    const plan = JSON.parse(readFileSync(path.resolve(b.out, "oscal", ar["import-ap"].href), "utf8"))["assessment-plan"];
    const report = readFileSync(path.join(b.out, "report.html"), "utf8");
    const ids = new Set([...report.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!.replace(/&#39;/g, "'").replace(/&amp;/g, "&")));
    let anchors = 0;
    for (const o of ar.results[0].observations) {
      for (const e of o["relevant-evidence"] as { href: string }[]) {
        const [file, anchor] = e.href.split("#");
        expect(existsSync(path.resolve(b.out, "oscal", file!)), e.href).toBe(true);
        if (anchor !== undefined) {
          anchors++;
          expect(ids.has(anchor), `report.html has no id ${anchor}`).toBe(true);
        }
      }
    }
    expect(anchors).toBeGreaterThan(0);
    const objectives = new Set(plan["local-definitions"]["objectives-and-methods"].flatMap((m: { parts: { id?: string }[] }) => m.parts.map((p) => p.id)));
    const planned = new Set(plan["reviewed-controls"]["control-selections"][0]["include-controls"].map((c: { "control-id": string }) => c["control-id"]));
    for (const f of ar.results[0].findings) {
      expect(f.target.type).toBe("objective-id");
      expect(objectives.has(f.target["target-id"]), f.target["target-id"]).toBe(true);
    }
    // controls outside what this tool evidences are neither planned nor found "not satisfied"
    expect(planned.has("iso27001-2013_A.15.1.1")).toBe(false);
    expect(ar.results[0].findings.some((f: { target: { "target-id": string } }) => f.target["target-id"].startsWith("iso27001-2013_A.15.1.1"))).toBe(false);
    expect(planned.has("iso27001-2022_8.32")).toBe(true);
  });

  it("has an observation per evidence item with collected time and hrefs into the bundle, and a finding per control", async () => {
    const b = await buildBundle();
    const ar = JSON.parse(readFileSync(path.join(b.out, "oscal/assessment-results.json"), "utf8"))["assessment-results"];
    const result = ar.results[0];
    expect(result.observations).toHaveLength(b.manifest.counts.evidenceItems);
    for (const o of result.observations) {
      expect(o.collected).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      // collected = when the exporter collected it (the bundle's generated time); the event time is a prop
      expect(o.collected).toBe(new Date(b.manifest.generatedAt).toISOString());
      expect(o.props.some((p: { name: string }) => p.name === "event-time")).toBe(true);
      const href: string = o["relevant-evidence"][0].href;
      expect(existsSync(path.resolve(b.out, "oscal", href.split("#")[0]!))).toBe(true);
    }
    expect(result.findings).toHaveLength(b.manifest.counts.controls - b.manifest.counts.outside!);
    expect(ar["import-ap"].href).toBe("assessment-plan.json");
    const f = result.findings.find((x: { target: { "target-id": string } }) => x.target["target-id"] === "iso20000-1-2018_8.6.1_obj");
    expect(f.remarks).toMatch(/our reading/);
  });

  it("uses deterministic UUIDs, so the same input gives the same document", async () => {
    const a = await buildBundle();
    const b = await buildBundle();
    const read = (d: string) => readFileSync(path.join(d, "oscal/assessment-results.json"), "utf8");
    expect(read(a.out)).toBe(read(b.out));
    expect(JSON.parse(read(a.out))["assessment-results"].uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
