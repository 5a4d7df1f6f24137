import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXCEPTION_KINDS } from "../../src/evidence/exceptions.js";
import { runCli } from "../../src/cli/program.js";
import { buildBundle } from "./helpers.js";
import { auditorSource } from "./auditor-fixture.js";

const text = (dir: string, f: string) => readFileSync(path.join(dir, f), "utf8");

describe("the auditor's report", () => {
  it("writes exceptions.json with an exception of each kind, each pointing at its record's own file", async () => {
    const b = await buildBundle({}, auditorSource());
    const doc = JSON.parse(text(b.out, "exceptions.json"));
    for (const k of EXCEPTION_KINDS) expect(doc.counts[k], k).toBeGreaterThan(0);
    const of = (kind: string) => doc.exceptions.filter((e: { kind: string }) => e.kind === kind).map((e: { record: { number: number } | null }) => e.record?.number);
    expect(of("sla-breach")).toEqual([3]);
    expect(of("security-not-assessed")).toEqual([8]);
    // #40 is a secret scanning alert's record: only its vulnerability record's overdue remediation counts
    expect(of("remediation-overdue")).toEqual([40]);
    expect(doc.exceptions.find((e: { kind: string }) => e.kind === "remediation-overdue").file).toBe("records/vulnerability/acme/web/40.json");
    expect(of("merged-without-gate")).toEqual([20]);
    expect(of("deployment-rejected")).toEqual([6]);
    const push = doc.exceptions.find((e: { kind: string }) => e.kind === "direct-push");
    expect(push).toMatchObject({ record: null, commit: { sha: "f".repeat(40) }, file: "raw/graphql-0001.json" });
    expect(of("deployment-unapproved")).toEqual([7]);
    expect(of("emergency-change").sort()).toEqual([12, 13, 14]);
    // #13's review was due on 7 March and is still open; #4 is a closed major incident with no review; #14's review is not yet due
    expect(of("review-overdue").sort()).toEqual([13, 4].sort());
    const e14 = doc.exceptions.find((e: { kind: string; record: { number: number } }) => e.kind === "emergency-change" && e.record.number === 14);
    expect(e14.summary).toMatch(/pending \(not yet due\)/);
    for (const e of doc.exceptions) expect(b.manifest.files.map((f) => f.path)).toContain(e.file);
    expect(b.manifest.files.map((f) => f.path)).toContain("exceptions.json");
  });

  it("puts exceptions first, tables every record with a link to its JSON and raw sources, and counts reviews apart from problems", async () => {
    const b = await buildBundle({}, auditorSource());
    const html = text(b.out, "report.html");
    expect(html.indexOf('id="exceptions"')).toBeGreaterThan(0);
    expect(html.indexOf('id="exceptions"')).toBeLessThan(html.indexOf('id="summary"'));
    for (const kind of ["incident", "problem", "change", "deployment", "vulnerability"]) expect(html).toContain(`<details id="records-${kind}">`);
    expect(html).toContain('<tr id="record-incident-acme/web-3">');
    expect(html).toContain('<a href="records/incident/acme/web/3.json">JSON</a>');
    expect(html).toContain('<a href="records/deployment/acme/web/6.json">JSON</a>');
    expect(html).toContain('<a href="raw/graphql-0001.json">1</a>');
    expect(html).toContain('<a href="#record-change-acme/web-20">');
    // the post-incident review (problem #900 reviews incident #7) is not counted as a problem
    expect(html).toMatch(/0 problems \(\d+ known errors\), 1 post-incident reviews, 0 post-implementation reviews/);
    expect(html).toContain("standard (pre-approved)");
    expect(html).toMatch(/acme\/web#974<\/a> pending/);
    expect(html).not.toContain("not done</span>");
    expect(html).toMatch(/2026-03-02 10:00 UTC/);
  });

  it("links each covered control to its evidence items, each item to its record; outside controls are not gaps", async () => {
    const b = await buildBundle({}, auditorSource());
    const html = text(b.out, "report.html");
    expect(html).toContain('<a href="#control-iso27001-2022-8.32">covered</a>');
    expect(html).toContain('<details id="control-iso27001-2022-8.32">');
    const block = html.slice(html.indexOf('<details id="control-iso27001-2022-8.32">'));
    expect(block.slice(0, block.indexOf("</details>"))).toContain('<a href="#record-change-acme/web-10">change-approved/acme/web#10</a>');
    const row = html.slice(html.indexOf("<tr><td>A.15.1.1</td>"));
    expect(row.slice(0, row.indexOf("</tr>"))).toContain("outside what this tool evidences");
    expect(row.slice(0, row.indexOf("</tr>"))).not.toContain('class="gap"');
  });

  it("ims-bot verify accepts the bundle with its per-record files, and catches one changed", async () => {
    const b = await buildBundle({ signingKey: null }, auditorSource());
    const out: string[] = [];
    const cli = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), env: {} };
    expect(await runCli(["verify", b.out, "--allow-unsigned"], cli), out.join("")).toBe(0);
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path.join(b.out, "records/change/acme/web/20.json"), text(b.out, "records/change/acme/web/20.json").replace("failure", "success"));
    expect(await runCli(["verify", b.out, "--allow-unsigned"], cli)).toBe(1);
    expect(out.join("")).toContain("records/change/acme/web/20.json");
  });
});
