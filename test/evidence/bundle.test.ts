import { createHash, createPublicKey, verify } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import canonicalize from "canonicalize";
import { pae } from "../../src/evidence/signing.js";
import { verifyBundle } from "../../src/evidence/verify.js";
import { buildBundle, extractZip } from "./helpers.js";
import { GENERATED_AT, PERIOD, change, fromArray, incident } from "./fixtures.js";

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
const read = (dir: string, f: string) => readFileSync(path.join(dir, f));
const walk = (dir: string, rel = ""): string[] =>
  readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(dir, `${rel}${e.name}/`) : [`${rel}${e.name}`],
  );

describe("writeBundle", () => {
  it("writes the files the issue lists, each listed in the manifest with SHA-256 and size", async () => {
    const b = await buildBundle();
    const all = walk(b.out).sort();
    // each record also has its own file, records/<kind>/<owner>/<repo>/<n>.json, listed in the manifest
    const perRecord = all.filter((f) => /^records\/(incident|problem|change|deployment)\//.test(f));
    expect(perRecord.length).toBe(b.manifest.counts.incidents + b.manifest.counts.problems + b.manifest.counts.changes + (b.manifest.counts.deployments ?? 0));
    expect(perRecord).toContain("records/incident/acme/web/2.json");
    expect(JSON.parse(read(b.out, "records/incident/acme/web/2.json").toString())).toMatchObject({ kind: "incident", repo: "acme/web", number: 2 });
    const files = all.filter((f) => !perRecord.includes(f));
    expect(files).toEqual(
      [
        "SHA256SUMS", "VERIFY.md", "controls/index.csv", "controls/index.json", "keys/signing-key.fingerprint", "keys/signing-key.pub.pem",
        "manifest.json", "manifest.sig", "oscal/assessment-results.json", "oscal/assessment-plan.json", "exceptions.json", "raw/graphql-0001.json", "raw/rest-issue-7-timeline.json",
        "records/changes.csv", "records/changes.json", "records/deployments.csv", "records/deployments.json", "records/dora.json", "records/incidents.csv", "records/incidents.json", "records/problems.csv",
        "records/problems.json", "records/risks.csv", "records/risks.json", "records/vulnerabilities.csv", "records/vulnerabilities.json", "report.html",
      ].sort(),
    );
    const m = b.manifest;
    expect(m).toMatchObject({
      tool: { name: "ims-bot", version: "0.1.0" },
      generatedAt: GENERATED_AT,
      repos: ["acme/web"],
      period: PERIOD,
      source: { apiUrl: "https://api.github.com" },
      counts: { incidents: 4, problems: 1, changes: 3, raw: 2 },
      signed: true,
      previous: null,
    });
    expect(m.catalogue.iso20000Basis).toMatch(/our reading/);
    for (const f of m.files) expect({ sha256: sha(read(b.out, f.path)), size: read(b.out, f.path).length }).toEqual({ sha256: f.sha256, size: f.size });
    expect(m.files.map((f) => f.path)).not.toContain("manifest.json");
  });

  it("writes manifest.json as RFC 8785 canonical JSON", async () => {
    const b = await buildBundle();
    const text = read(b.out, "manifest.json").toString();
    expect(canonicalize(JSON.parse(text))).toBe(text);
  });

  it("writes SHA256SUMS in coreutils format, pinned by the manifest", async () => {
    const b = await buildBundle();
    const sums = read(b.out, "SHA256SUMS").toString();
    expect(sums).toMatch(/^([0-9a-f]{64} {2}\S+\n)+$/);
    expect(sums.split("\n").filter(Boolean)).toHaveLength(b.manifest.files.length);
    expect(sha(sums)).toBe(b.manifest.sha256sums);
  });

  it("signs the canonical manifest in a DSSE envelope with Ed25519; keyid is the SPKI fingerprint", async () => {
    const b = await buildBundle();
    const env = JSON.parse(read(b.out, "manifest.sig").toString());
    expect(env.payloadType).toBe("application/vnd.ims-bot.manifest+json");
    const payload = Buffer.from(env.payload, "base64");
    expect(payload.equals(read(b.out, "manifest.json"))).toBe(true);
    const key = createPublicKey(read(b.out, "keys/signing-key.pub.pem"));
    const fp = sha(key.export({ type: "spki", format: "der" }));
    expect(env.signatures[0].keyid).toBe(fp);
    expect(read(b.out, "keys/signing-key.fingerprint").toString().trim()).toBe(fp);
    expect(verify(null, pae(env.payloadType, payload), key, Buffer.from(env.signatures[0].sig, "base64"))).toBe(true);
  });

  it("is reproducible: the same records, time and key give byte-identical bundles (zip too)", async () => {
    const a = await buildBundle({ format: "zip" });
    const b = await buildBundle({ format: "zip" });
    expect(sha(readFileSync(a.out))).toBe(sha(readFileSync(b.out)));
  });

  it("zips the same files a folder bundle has, and the zip verifies", async () => {
    const z = await buildBundle({ format: "zip" });
    const d = await buildBundle({ format: "dir" });
    const x = extractZip(z.out);
    expect(walk(x).sort()).toEqual(walk(d.out).sort());
    for (const f of walk(d.out)) expect(read(x, f).equals(read(d.out, f)), f).toBe(true);
    expect(await verifyBundle(z.out, { fingerprint: z.fingerprint! })).toMatchObject({ ok: true, signed: true, failures: [] });
  });

  it("neutralises spreadsheet formulas in every CSV cell", async () => {
    const b = await buildBundle();
    const incidents = read(b.out, "records/incidents.csv").toString();
    expect(incidents).toContain(`"'=HYPERLINK(""http://evil.example"",""click"") <script>alert(1)</script>"`);
    const changes = read(b.out, "records/changes.csv").toString();
    expect(changes).toContain("'+cmd|' /C calc'!A0 change 10");
    for (const line of [...incidents.split("\r\n"), ...changes.split("\r\n")]) {
      for (const cell of line.split(",")) expect(cell).not.toMatch(/^[=+\-@]/);
    }
  });

  it("indexes every control of the three catalogues with evidence counts and gaps", async () => {
    const b = await buildBundle();
    const index = JSON.parse(read(b.out, "controls/index.json").toString());
    const c = (cat: string, id: string) => index.controls.find((x: { catalogue: string; id: string }) => x.catalogue === cat && x.id === id);
    expect(c("iso27001-2022", "8.32")).toMatchObject({ gap: false, byKind: { "change-approved": 3, "security-review": 3 } });
    expect(c("iso27001-2022", "8.32").items.length).toBe(c("iso27001-2022", "8.32").count);
    expect(c("iso27001-2013", "A.16.1.3")).toMatchObject({ gap: true, count: 0, items: [] });
    expect(index.gaps).toContain("iso27001-2013:A.16.1.3");
    // a supplier or continuity control is outside what this tool evidences: never a gap
    expect(c("iso27001-2013", "A.17.1.1")).toMatchObject({ gap: false, outside: true, count: 0, items: [] });
    expect(index.gaps).not.toContain("iso27001-2013:A.17.1.1");
    expect(c("iso20000-1-2018", "8.6.1").basis).toBe("our-reading");
    expect(index.note).toMatch(/our reading/);
    const csv = read(b.out, "controls/index.csv").toString();
    expect(csv.split("\r\n")[0]).toBe("catalogue,basis,control,title,supported_by,evidence_count,by_kind,gap,evidence_source");
    expect(csv).toContain("iso20000-1-2018,\"our reading, not a copy of ISO/IEC 27013 Annex B\",8.6.1");
  });

  it("keeps raw API responses as canonical JSON with their chain of custody", async () => {
    const b = await buildBundle();
    const text = read(b.out, "raw/graphql-0001.json").toString();
    expect(canonicalize(JSON.parse(text))).toBe(text);
    expect(JSON.parse(text).custody).toMatchObject({ endpoint: "/graphql", method: "POST", headers: { "x-github-request-id": "ABCD:1234" }, fetchedAt: "2026-04-01T00:00:00Z" });
  });

  it("marks an unsigned bundle unsigned in the manifest, report and VERIFY.md, and verify reports it", async () => {
    const b = await buildBundle({ signingKey: null });
    expect(b.manifest).toMatchObject({ signed: false, signing: null });
    expect(walk(b.out)).not.toContain("manifest.sig");
    expect(read(b.out, "report.html").toString()).toContain("UNSIGNED BUNDLE");
    expect(read(b.out, "VERIFY.md").toString()).toContain("This bundle is UNSIGNED");
    const strict = await verifyBundle(b.out);
    expect(strict).toMatchObject({ ok: false, signed: false, failures: [{ file: "manifest.sig", problem: expect.stringMatching(/UNSIGNED/) }] });
    expect(await verifyBundle(b.out, { allowUnsigned: true })).toMatchObject({ ok: true, signed: false });
  });

  it("chains to the previous bundle's manifest digest, and verify checks the link", async () => {
    const first = await buildBundle({ format: "zip" });
    const second = await buildBundle({ previous: first.out });
    expect(second.manifest.previous).toEqual({ manifestSha256: first.manifestSha256 });
    expect(await verifyBundle(second.out, { previous: first.out, fingerprint: second.fingerprint! })).toMatchObject({ ok: true });
    const other = await buildBundle({ generatedAt: "2026-05-01T00:00:00Z" });
    const broken = await verifyBundle(second.out, { previous: other.out, fingerprint: second.fingerprint! });
    expect(broken.ok).toBe(false);
    expect(broken.failures[0]).toMatchObject({ file: "manifest.json", problem: expect.stringMatching(/chain broken/) });
  });

  it("counts as evidence of the period only what happened in it, though it exports every record active in it", async () => {
    // open in March, merged in April; classified in February, still open in March
    const late = { ...change(20), mergedAt: "2026-04-02T10:00:00Z" };
    late.reviews = late.reviews.map((v) => ({ ...v, at: "2026-04-02T09:00:00Z" }));
    const early = incident(21);
    early.classification = early.classification.map((c) => ({ ...c, at: "2026-02-27T10:00:00Z" }));
    early.sla = [];
    const b = await buildBundle({}, { repos: ["acme/web"], period: PERIOD, apiUrl: "https://api.github.com", entries: fromArray([late, early]) });
    expect(b.manifest.counts).toMatchObject({ incidents: 1, changes: 1, evidenceItems: 0 });
    const index = JSON.parse(read(b.out, "controls/index.json").toString());
    for (const c of index.controls) expect(c.items, `${c.catalogue} ${c.id}`).toEqual([]);
    const oscal = JSON.parse(read(b.out, "oscal/assessment-results.json").toString());
    expect(oscal["assessment-results"].results[0].observations).toBeUndefined();
  });

  it("refuses to overwrite an existing bundle and rejects duplicate raw ids", async () => {
    const b = await buildBundle();
    await expect(buildBundle({ out: b.out })).rejects.toThrow(/already exists/);
    const raw = { kind: "raw" as const, id: "x", endpoint: "/", method: "GET" as const, query: null, graphql: null, fetchedAt: GENERATED_AT, status: 200, headers: {}, body: null };
    await expect(buildBundle({}, { repos: [], period: PERIOD, apiUrl: "u", entries: fromArray([raw, raw]) })).rejects.toThrow(/occurs twice/);
  });

  it("streams many records without holding them (records JSON stays a valid array)", async () => {
    const many = Array.from({ length: 300 }, (_, i) => incident(i + 1));
    const b = await buildBundle({}, { repos: ["acme/web"], period: PERIOD, apiUrl: "https://api.github.com", entries: fromArray(many) });
    expect(JSON.parse(read(b.out, "records/incidents.json").toString())).toHaveLength(300);
    expect((await verifyBundle(b.out, { fingerprint: b.fingerprint! })).ok).toBe(true);
  });
});

describe("csvCell", () => {
  it("keeps formula-looking cells text, also after leading spaces and in full-width forms", async () => {
    const { csvCell } = await import("../../src/evidence/bundle/csv.js");
    for (const cell of ["=1+1", " =HYPERLINK(\"x\")", "\u3000+1", "\uff1dcmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "-2"]) expect(csvCell(cell).replace(/^"/, "")).toMatch(/^'/);
    for (const cell of ["plain", "a=b", "1-2"]) expect(csvCell(cell)).toBe(cell);
  });

  it("quotes a cell that holds `;`, so a spreadsheet in a `;` locale keeps it one text cell instead of splitting off a formula", async () => {
    const { csvCell } = await import("../../src/evidence/bundle/csv.js");
    expect(csvCell("a;=1+1")).toBe('"a;=1+1"');
    const title = "db down;=cmd|' /C calc'!A0";
    const b = await buildBundle({}, { repos: ["acme/web"], period: PERIOD, apiUrl: "https://api.github.com", entries: fromArray([incident(1, { title })]) });
    expect(read(b.out, "records/incidents.csv").toString()).toContain(`,"db down;=cmd|' /C calc'!A0",`);
  });
});
