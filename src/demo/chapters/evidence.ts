import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { describeProvenance } from "../../evidence/config-provenance.js";
import { runExport } from "../../evidence/export/run.js";
import { generateSigningKey } from "../../evidence/signing.js";
import { verifyBundle } from "../../evidence/verify.js";
import { FINGERPRINT_PLACEHOLDER } from "../../evidence/verify-doc.js";
import type { DemoEnv } from "../env.js";
import { formatPercent } from "../../services/availability.js";
import { drawSample, writeSample } from "../../evidence/sample.js";

/** Extracts a bundle zip into a folder (as `unzip` would). */
function extract(zip: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [name, data] of Object.entries(unzipSync(readFileSync(zip)))) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  }
}

/** The auditor's view: export the demo's records into a signed bundle, verify it, and show that tampering is caught. */
export async function evidence(d: DemoEnv): Promise<void> {
  const { sim } = d;
  const outDir = d.outDir;
  const created = [...sim.core.store.repoByName(d.repo).issues.values()].map((i) => Date.parse(i.createdAt));
  const from = new Date(Math.min(...created, sim.clock.now().getTime())).toISOString().slice(0, 10);
  const to = sim.clock.now().toISOString();
  const zip = path.join(outDir, "ims-evidence.zip");
  rmSync(zip, { force: true });
  rmSync(`${zip}.partial`, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  d.step("An auditor generates a signing key and exports the period's evidence");
  const key = generateSigningKey();
  writeFileSync(path.join(outDir, "signing-key.pub.pem"), key.publicPem);
  d.say(`fresh Ed25519 key, fingerprint ${key.fingerprint.slice(0, 16)}…`);
  const before = sim.requestLog.length;
  const lines: string[] = [];
  const r = await runExport(
    { repos: [d.repo], org: null, from: `${from}T00:00:00.000Z`, to, out: zip, format: "zip", signingKeyPem: key.privatePem, previous: null, apiUrl: sim.url, appLogin: sim.botLogin, noOrgConfig: true },
    { env: { GITHUB_TOKEN: sim.userToken("auditor") }, out: (t) => lines.push(t), progress: { write: () => true, isTTY: false } },
  );
  for (const l of lines.join("").trim().split("\n")) d.say(l);
  // the demo's owner has no .github repository; a real export cannot tell that from a private one it cannot read
  for (const c of r.manifest.configs) d.say(describeProvenance(c));
  const calls = sim.requestLog.slice(before);
  const c = r.manifest.counts;
  d.say(`records: ${c.incidents} incidents, ${c.problems} problems, ${c.changes} changes; ${c.evidenceItems} evidence items over ${c.controls} controls (${c.gaps} without evidence in the period)`);
  d.say(`API calls seen by GitHub: ${calls.length} (${calls.filter((x) => x.route === "POST /graphql").length} GraphQL, ${calls.filter((x) => x.route !== "POST /graphql").length} REST) for ${c.incidents + c.problems + c.changes} records`);
  d.expect(c.incidents > 0 && c.changes > 0, "the export should hold the demo's incidents and changes");

  d.step("ims-bot verify checks every hash, the file list and the signature against the key the auditor expects");
  // The bundle carries its own key, so it always agrees with itself: the auditor checks the signer's
  // fingerprint, received by another channel (a call, a signed e-mail, the security wiki).
  d.say(`the auditor runs: ims-bot verify ${path.relative(process.cwd(), zip)} --fingerprint ${FINGERPRINT_PLACEHOLDER}`);
  d.say(`  with ${FINGERPRINT_PLACEHOLDER} = the fingerprint the signer gave them by another channel (here ${key.fingerprint.slice(0, 16)}…)`);
  const v = await verifyBundle(zip, { fingerprint: key.fingerprint });
  d.say(v.ok ? `OK: ${v.files} files intact, ${v.note}, ${v.fingerprint?.slice(0, 16)}…` : `FAILED: ${v.failures.map((f) => `${f.file ?? ""} ${f.problem}`).join("; ")}`);
  d.expect(v.ok && v.keyCheck === "expected-fingerprint", "ims-bot verify should accept the bundle against the expected fingerprint");
  const unpinned = await verifyBundle(zip);
  d.say(`without the expected fingerprint it does not say OK: ${unpinned.failures.map((f) => f.problem).join("; ").slice(0, 90)}…`);
  d.expect(!unpinned.ok, "ims-bot verify should not accept a signed bundle without an expected key");

  const dir = path.join(outDir, "ims-evidence");
  extract(zip, dir);
  const hasSha = spawnSync("sha256sum", ["--version"]).status === 0;
  if (hasSha) {
    const sums = spawnSync("sha256sum", ["-c", "--quiet", "SHA256SUMS"], { cwd: dir, encoding: "utf8" });
    d.say(`sha256sum -c SHA256SUMS on the extracted copy: ${sums.status === 0 ? "all OK" : `FAILED ${sums.stdout}${sums.stderr}`}`);
    d.expect(sums.status === 0, "sha256sum -c SHA256SUMS should accept the extracted bundle");
  } else d.say("sha256sum is not installed here: skipped the coreutils check");

  d.step("Someone edits one byte of a copy of the records");
  const copy = path.join(outDir, "ims-evidence-tampered");
  extract(zip, copy);
  const target = path.join(copy, "records/incidents.json");
  const bytes = readFileSync(target);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(target, bytes);
  const t = await verifyBundle(copy, { fingerprint: key.fingerprint });
  d.say(t.ok ? "verify accepted a tampered bundle!" : `verify refuses it: ${t.failures.map((f) => `${f.file ?? ""}: ${f.problem}`).join("; ")}`);
  d.expect(!t.ok && t.failures.some((f) => f.file === "records/incidents.json"), "verify should name the tampered file");
  rmSync(copy, { recursive: true, force: true });
  const serviceReport = existsSync(path.join(dir, "reports/service-report.json")) ? (JSON.parse(readFileSync(path.join(dir, "reports/service-report.json"), "utf8")) as { services: Array<{ service: string; availability: { percent: number | null; target: number | null } | null }> }) : null;
  const measured = serviceReport?.services.filter((s) => s.availability) ?? [];
  d.say(`the bundle's service report (reports/service-report.html): ${measured.map((s) => `${s.service} ${formatPercent(s.availability!.percent)} of ${s.availability!.target}%`).join(", ")}`);
  d.expect(measured.length >= 2, "the bundle's service report should show availability for at least two services");
  d.step("The auditor reads the exceptions first, then draws a sample of changes");
  const exc = JSON.parse(readFileSync(path.join(dir, "exceptions.json"), "utf8")) as { counts: Record<string, number>; exceptions: Array<{ kind: string; file: string; summary: string }> };
  const produced = Object.entries(exc.counts).filter(([, n]) => n > 0);
  d.say(`exceptions.json: ${produced.map(([k, n]) => `${n} ${k}`).join(", ") || "none"}`);
  for (const [kind] of produced) d.say(`  ${kind}: ${exc.exceptions.find((e) => e.kind === kind)!.summary}`);
  d.expect(produced.length > 0 && exc.exceptions.every((e) => existsSync(path.join(dir, e.file))), "each exception of the demo should point at its record's file in the bundle");
  const population = "changes" as const;
  const draws = [];
  for (const n of [1, 2]) {
    const where = path.join(outDir, `sample-${n}`);
    rmSync(where, { recursive: true, force: true });
    mkdirSync(where, { recursive: true });
    const s = await drawSample(dir, population, 25, "demo-audit");
    await writeSample(dir, s, where, true);
    draws.push(s);
  }
  d.say(`ims-bot sample ${path.relative(process.cwd(), dir)} --population ${population} --size 25 --seed demo-audit: ${draws[0]!.rows.length} of ${draws[0]!.populationSize} (${draws[0]!.rows.slice(0, 3).map((r) => r.id).join(", ")}…)`);
  d.say(`method: ${draws[0]!.method}`);
  d.expect(draws[0]!.rows.length > 0 && JSON.stringify(draws[0]!.rows) === JSON.stringify(draws[1]!.rows), "two draws with one seed should give the same rows");
  d.say(`drawn twice with seed demo-audit: the same ${draws[1]!.rows.length} rows (sample-1/ and sample-2/ beside the bundle)`);
  d.say(`the auditor reads first: ${path.relative(process.cwd(), path.join(dir, "report.html"))} (also inside ${path.relative(process.cwd(), zip)})`);
  d.expect(existsSync(zip), "the bundle should be on disk");
}
