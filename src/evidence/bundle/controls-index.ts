import path from "node:path";
import { controlKey, type Catalogue, type Control } from "../catalogue.js";
import { OUR_READING, type EvidenceKind } from "../kinds.js";
import type { EvidenceItem } from "../types.js";
import { CsvSink } from "./csv.js";
import { HashedSink, type FileDigest } from "./sink.js";
import { readLines } from "./spill.js";

/** What controls/index.json says of one control (without its item list). */
export interface ControlCoverage {
  catalogue: Control["catalogue"];
  id: string;
  title: string;
  basis: "standard" | "our-reading";
  origin: Control["origin"];
  supportedBy: EvidenceKind[];
  count: number;
  byKind: Partial<Record<EvidenceKind, number>>;
  gap: boolean;
  /** Outside what this tool evidences (supplier, continuity, audit): never a gap. */
  outside: boolean;
  /** Where the control's evidence comes from. */
  source: string;
}

/** The slim item line kept per control. */
export interface SpilledItem {
  id: string;
  kind: EvidenceKind;
  at: string;
  href: string;
}

/** Groups evidence items by control on disk (one spill file per control), counting in memory. */
export class ControlIndex {
  private readonly byKind = new Map<EvidenceKind, number[]>();
  private readonly spills = new Map<number, HashedSink>();
  readonly coverage: ControlCoverage[];

  constructor(readonly catalogue: Catalogue, private readonly workDir: string) {
    this.coverage = catalogue.controls.map((c) => ({
      catalogue: c.catalogue,
      id: c.id,
      title: c.title,
      basis: catalogue.catalogues[c.catalogue].basis,
      origin: c.origin,
      supportedBy: c.evidence,
      count: 0,
      byKind: {},
      gap: c.source.by !== "outside",
      outside: c.source.by === "outside",
      source: c.source.text,
    }));
    catalogue.controls.forEach((c, i) => {
      for (const k of c.evidence) this.byKind.set(k, [...(this.byKind.get(k) ?? []), i]);
    });
  }

  spillFile(i: number): string {
    return path.join(this.workDir, `control-${i}.jsonl`);
  }

  /** Files one evidence item under every control its kind supports. */
  async add(item: EvidenceItem): Promise<void> {
    const line = JSON.stringify({ id: item.id, kind: item.kind, at: item.at, href: item.href } satisfies SpilledItem) + "\n";
    for (const i of this.byKind.get(item.kind) ?? []) {
      const c = this.coverage[i]!;
      c.count++;
      c.gap = false;
      c.byKind[item.kind] = (c.byKind[item.kind] ?? 0) + 1;
      let spill = this.spills.get(i);
      if (!spill) this.spills.set(i, (spill = new HashedSink(this.spillFile(i), "")));
      await spill.write(line);
    }
  }

  /** Closes the spill files. */
  async seal(): Promise<void> {
    for (const s of this.spills.values()) await s.close();
  }

  /** Items of control i, streamed from its spill file. */
  async *items(i: number): AsyncGenerator<SpilledItem> {
    if (!this.spills.has(i)) return;
    for await (const line of readLines(this.spillFile(i))) yield JSON.parse(line) as SpilledItem;
  }

  /** Writes controls/index.json with each control's items, streamed. */
  async writeJson(file: string, period: { from: string; to: string }): Promise<FileDigest> {
    const sink = new HashedSink(file, "controls/index.json");
    const head = {
      period,
      note: `ISO/IEC 20000-1:2018 correspondence is ${OUR_READING}.`,
      catalogues: this.catalogue.catalogues,
      correspondence: this.catalogue.correspondence,
      gaps: this.coverage.filter((c) => c.gap).map(controlKey),
    };
    await sink.write(JSON.stringify(head).slice(0, -1) + ',"controls":[');
    for (const [i, c] of this.coverage.entries()) {
      await sink.write((i ? ",\n" : "\n") + JSON.stringify(c).slice(0, -1) + ',"items":[');
      let n = 0;
      for await (const item of this.items(i)) await sink.write((n++ ? "," : "") + "\n  " + JSON.stringify(item));
      await sink.write("]}");
    }
    await sink.write("\n]}\n");
    return sink.close();
  }

  /** Writes controls/index.csv: one row per control. */
  async writeCsv(file: string): Promise<FileDigest> {
    const csv = new CsvSink<ControlCoverage>(new HashedSink(file, "controls/index.csv"), [
      ["catalogue", (c) => c.catalogue],
      ["basis", (c) => (c.basis === "our-reading" ? OUR_READING : "standard")],
      ["control", (c) => c.id],
      ["title", (c) => c.title],
      ["supported_by", (c) => c.supportedBy.join(" ")],
      ["evidence_count", (c) => c.count],
      ["by_kind", (c) => Object.entries(c.byKind).map(([k, n]) => `${k}=${n}`).join(" ")],
      ["gap", (c) => (c.gap ? "yes" : "no")],
      ["evidence_source", (c) => (c.outside ? `outside what this tool evidences: ${c.source}` : c.source)],
    ]);
    await csv.open();
    for (const c of this.coverage) await csv.push(c);
    return csv.close();
  }
}
