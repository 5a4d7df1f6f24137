import { mkdir, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import path from "node:path";
import type { AnyRecord, ChangeRecord, DeploymentRecord, IncidentRecord, ProblemRecord, RawDocument, RiskRecord, VulnerabilityRecord } from "../types.js";
import { canonicalJson } from "./canonical.js";
import { recordFile } from "../evidence-items.js";
import { CsvSink } from "./csv.js";
import { CHANGE_COLUMNS, DEPLOYMENT_COLUMNS, INCIDENT_COLUMNS, PROBLEM_COLUMNS, RISK_COLUMNS, VULNERABILITY_COLUMNS } from "./record-columns.js";
import { HashedSink, JsonArraySink, type FileDigest } from "./sink.js";

const RAW_ID = /^[A-Za-z0-9._-]{1,200}$/;

/** The record files of a bundle (JSON + CSV per kind) and raw/, written as entries arrive. */
export class RecordSinks {
  private readonly json: Record<AnyRecord["kind"], JsonArraySink>;
  private readonly csv: { incident: CsvSink<IncidentRecord>; problem: CsvSink<ProblemRecord>; change: CsvSink<ChangeRecord>; deployment: CsvSink<DeploymentRecord>; risk: CsvSink<RiskRecord>; vulnerability: CsvSink<VulnerabilityRecord> };
  readonly raw: FileDigest[] = [];
  /** One file per record (`records/<kind>/<owner>/<repo>/<n>.json`), each in the manifest. */
  readonly perRecord: FileDigest[] = [];

  constructor(private readonly dir: string) {
    const sink = (p: string) => new HashedSink(path.join(dir, p), p);
    this.json = {
      incident: new JsonArraySink(sink("records/incidents.json")),
      problem: new JsonArraySink(sink("records/problems.json")),
      change: new JsonArraySink(sink("records/changes.json")),
      deployment: new JsonArraySink(sink("records/deployments.json")),
      risk: new JsonArraySink(sink("records/risks.json")),
      vulnerability: new JsonArraySink(sink("records/vulnerabilities.json")),
    };
    this.csv = {
      incident: new CsvSink(sink("records/incidents.csv"), INCIDENT_COLUMNS),
      problem: new CsvSink(sink("records/problems.csv"), PROBLEM_COLUMNS),
      change: new CsvSink(sink("records/changes.csv"), CHANGE_COLUMNS),
      deployment: new CsvSink(sink("records/deployments.csv"), DEPLOYMENT_COLUMNS),
      risk: new CsvSink(sink("records/risks.csv"), RISK_COLUMNS),
      vulnerability: new CsvSink(sink("records/vulnerabilities.csv"), VULNERABILITY_COLUMNS),
    };
  }

  static async open(dir: string): Promise<RecordSinks> {
    await mkdir(path.join(dir, "records"), { recursive: true });
    await mkdir(path.join(dir, "raw"), { recursive: true });
    const s = new RecordSinks(dir);
    for (const j of Object.values(s.json)) await j.open();
    for (const c of Object.values(s.csv)) await c.open();
    return s;
  }

  count(kind: AnyRecord["kind"]): number {
    return this.json[kind].length;
  }

  /** Appends a record to its JSON and CSV files. */
  async add(r: AnyRecord): Promise<void> {
    await this.json[r.kind].push(r);
    await this.writeOwn(r);
    if (r.kind === "incident") await this.csv.incident.push(r);
    else if (r.kind === "problem") await this.csv.problem.push(r);
    else if (r.kind === "change") await this.csv.change.push(r);
    else if (r.kind === "risk") await this.csv.risk.push(r);
    else if (r.kind === "vulnerability") await this.csv.vulnerability.push(r);
    else await this.csv.deployment.push(r);
  }

  /** The record's own file, canonical JSON: what the report and the OSCAL observations link to. */
  private async writeOwn(r: AnyRecord): Promise<void> {
    const rel = recordFile(r);
    const text = Buffer.from(canonicalJson(r) + "\n", "utf8");
    await mkdir(path.dirname(path.join(this.dir, rel)), { recursive: true });
    try {
      await writeFile(path.join(this.dir, rel), text, { flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new Error(`${r.kind} record ${r.repo}#${r.number} occurs twice; each record is exported once`);
      throw e;
    }
    this.perRecord.push({ path: rel, sha256: createHash("sha256").update(text).digest("hex"), size: text.length });
  }

  /** Writes one API response as canonical JSON with its chain of custody; ids must be unique. */
  async addRaw(doc: RawDocument): Promise<void> {
    if (!RAW_ID.test(doc.id)) throw new Error(`raw document id \`${doc.id}\` must match ${RAW_ID} (it names a file)`);
    const rel = `raw/${doc.id}.json`;
    const { body, kind: _kind, ...custody } = doc;
    const text = Buffer.from(canonicalJson({ custody, body }), "utf8");
    try {
      await writeFile(path.join(this.dir, rel), text, { flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new Error(`raw document id \`${doc.id}\` occurs twice; ids must be unique`);
      throw e;
    }
    this.raw.push({ path: rel, sha256: createHash("sha256").update(text).digest("hex"), size: text.length });
  }

  /** Closes every file and returns their digests. */
  async close(): Promise<FileDigest[]> {
    const out: FileDigest[] = [];
    for (const j of Object.values(this.json)) out.push(await j.close());
    for (const c of Object.values(this.csv)) out.push(await c.close());
    return [...out, ...this.perRecord, ...this.raw];
  }
}
