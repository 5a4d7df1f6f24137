import { OUR_READING } from "../kinds.js";
import type { EvidenceItem } from "../types.js";
import type { ControlIndex } from "./controls-index.js";
import { HashedSink, type FileDigest } from "./sink.js";
import { readLines } from "./spill.js";
import { uuidV5 } from "./uuid.js";
import { recordAnchor } from "../report/when.js";
import { canonicalJson } from "./canonical.js";
import { writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";

export const OSCAL_VERSION = "1.0.6";
const NS = "urn:ims-bot:oscal";

/** OSCAL control id (a token: must start with a letter): `iso27001-2022_8.32`. */
export function oscalControlId(catalogue: string, id: string): string {
  return `${catalogue}_${id}`.replace(/[^\p{L}\p{N}._-]/gu, "_");
}

/** The assessment objective of a control in oscal/assessment-plan.json: what findings target. */
export function oscalObjectiveId(catalogue: string, id: string): string {
  return `${oscalControlId(catalogue, id)}_obj`;
}

/** The plan's path beside the results (`import-ap` is relative to oscal/assessment-results.json). */
export const ASSESSMENT_PLAN_PATH = "oscal/assessment-plan.json";

/** OSCAL date-time: UTC with seconds, e.g. `2026-03-01T09:30:00.000Z`. */
export function oscalTime(at: string): string {
  return new Date(at).toISOString();
}

/** The observation id of an evidence item: the same item always gets the same UUID. */
export function observationUuid(itemId: string): string {
  return uuidV5(`urn:ims-bot:observation:${itemId}`);
}

/** `collected` is when the exporter collected the evidence; the event's own time is a prop. */
function observation(item: EvidenceItem, collectedAt: string): unknown {
  return {
    uuid: observationUuid(item.id),
    title: `${item.kind}: ${item.record.repo}#${item.record.number}`,
    description: item.summary || item.kind,
    props: [
      { name: "evidence-kind", ns: NS, value: item.kind },
      { name: "record", ns: NS, value: `${item.record.kind} ${item.record.repo}#${item.record.number}` },
      { name: "event-time", ns: NS, value: oscalTime(item.at) },
    ],
    links: [{ href: item.record.url, rel: "reference", text: "record on GitHub" }],
    methods: ["EXAMINE"],
    "relevant-evidence": [
      { href: `../${item.href}`, description: `${item.record.kind} record in this bundle (JSON)` },
      { href: `../report.html#${recordAnchor(item.record)}`, description: `the record's row in report.html` },
    ],
    collected: oscalTime(collectedAt),
  };
}

export interface OscalMeta {
  title: string;
  toolVersion: string;
  generatedAt: string;
  period: { from: string; to: string };
  repos: string[];
  signed: boolean;
}

/** Streams oscal/assessment-results.json: observations from the item spill, findings per control. */
export async function writeOscal(file: string, itemsFile: string, itemCount: number, index: ControlIndex, meta: OscalMeta): Promise<FileDigest> {
  const sink = new HashedSink(file, "oscal/assessment-results.json");
  const seed = `${meta.repos.join(",")}|${meta.period.from}|${meta.period.to}|${meta.generatedAt}`;
  const head = {
    uuid: uuidV5(`urn:ims-bot:assessment-results:${seed}`),
    metadata: {
      title: meta.title,
      "last-modified": oscalTime(meta.generatedAt),
      version: meta.toolVersion,
      "oscal-version": OSCAL_VERSION,
      props: [{ name: "signed", ns: NS, value: meta.signed ? "yes" : "no" }],
      remarks: `ISO/IEC 20000-1:2018 correspondence is ${OUR_READING}.${meta.signed ? "" : " This bundle is UNSIGNED."}`,
    },
    "import-ap": {
      href: "assessment-plan.json",
      remarks: "The assessment plan in this bundle: the controls ims-bot evidences and their objectives.",
    },
  };
  const assessed = index.coverage.filter((c) => !c.outside);
  const controls = assessed.map((c) => ({ "control-id": oscalControlId(c.catalogue, c.id) }));
  const result = {
    uuid: uuidV5(`urn:ims-bot:result:${seed}`),
    title: `Evidence ${meta.period.from} to ${meta.period.to}`,
    description: `Evidence collected from ${meta.repos.join(", ") || "no repositories"} by ims-bot ${meta.toolVersion}.`,
    start: oscalTime(meta.period.from),
    end: oscalTime(meta.period.to),
    "reviewed-controls": { "control-selections": [{ "include-controls": controls }] },
  };
  await sink.write(JSON.stringify({ "assessment-results": head }).slice(0, -2) + ',"results":[');
  await sink.write(JSON.stringify(result).slice(0, -1));
  if (itemCount > 0) {
    await sink.write(',"observations":[');
    let n = 0;
    for await (const line of readLines(itemsFile)) {
      await sink.write((n++ ? ",\n" : "\n") + JSON.stringify(observation(JSON.parse(line) as EvidenceItem, meta.generatedAt)));
    }
    await sink.write("]");
  }
  await sink.write(',"findings":[');
  let written = 0;
  for (const [i, c] of index.coverage.entries()) {
    // outside what this tool evidences: no finding (the plan names them in its remarks)
    if (c.outside) continue;
    const finding = {
      uuid: uuidV5(`urn:ims-bot:finding:${seed}:${c.catalogue}:${c.id}`),
      title: `${c.catalogue} ${c.id} ${c.title}`,
      description: c.gap
        ? "No evidence in the period (gap)."
        : `${c.count} evidence item(s) in the period: ${Object.entries(c.byKind).map(([k, n]) => `${k} ${n}`).join(", ")}.`,
      props: [
        { name: "catalogue", ns: NS, value: c.catalogue },
        { name: "basis", ns: NS, value: c.basis },
      ],
      target: {
        type: "objective-id",
        "target-id": oscalObjectiveId(c.catalogue, c.id),
        status: c.gap ? { state: "not-satisfied", reason: "other", remarks: "no evidence in the period" } : { state: "satisfied", reason: "pass" },
        remarks: "Determined from the presence of app-collected evidence only.",
      },
      ...(c.basis === "our-reading" ? { remarks: `Correspondence is ${OUR_READING}.` } : {}),
    };
    await sink.write((written++ ? ",\n" : "\n") + JSON.stringify(finding).slice(0, -1));
    if (!c.gap) {
      // streamed: a well-evidenced control can have tens of thousands of observations
      await sink.write(',"related-observations":[');
      let n = 0;
      for await (const item of index.items(i)) await sink.write((n++ ? "," : "") + JSON.stringify({ "observation-uuid": observationUuid(item.id) }));
      await sink.write("]");
    }
    await sink.write("}");
  }
  await sink.write("]}]}}\n");
  return sink.close();
}

/**
 * oscal/assessment-plan.json (OSCAL 1.0.6): the controls ims-bot evidences, one assessment objective
 * each (what the results' findings target), the method (examine the app's records) and the period.
 * There is no system security plan; `import-ssp` points at the bundle's control catalogue instead.
 */
export async function writeAssessmentPlan(file: string, index: ControlIndex, meta: OscalMeta): Promise<FileDigest> {
  const seed = `${meta.repos.join(",")}|${meta.period.from}|${meta.period.to}|${meta.generatedAt}`;
  const assessed = index.coverage.filter((c) => !c.outside);
  const outside = index.coverage.filter((c) => c.outside);
  const doc = {
    "assessment-plan": {
      uuid: uuidV5(`urn:ims-bot:assessment-plan:${seed}`),
      metadata: {
        title: `Assessment plan: ${meta.title}`,
        "last-modified": oscalTime(meta.generatedAt),
        version: meta.toolVersion,
        "oscal-version": OSCAL_VERSION,
        remarks: `ISO/IEC 20000-1:2018 correspondence is ${OUR_READING}.`,
      },
      "import-ssp": { href: "../controls/index.json", remarks: "No system security plan: the control catalogue of this bundle (controls/index.json) stands in for it." },
      "local-definitions": {
        "objectives-and-methods": assessed.map((c) => ({
          "control-id": oscalControlId(c.catalogue, c.id),
          description: `${c.catalogue} ${c.id} ${c.title}`,
          parts: [
            {
              id: oscalObjectiveId(c.catalogue, c.id),
              name: "objective",
              prose: `Records of the period show ${c.supportedBy.length ? c.supportedBy.join(", ") : "evidence of this control"} (kinds of app-collected evidence).`,
            },
            { name: "method", ns: NS, prose: "EXAMINE: the app's records, their GitHub timelines and the app's decision traces, as collected in this bundle." },
          ],
        })),
      },
      "reviewed-controls": {
        "control-selections": [{ "include-controls": assessed.map((c) => ({ "control-id": oscalControlId(c.catalogue, c.id) })) }],
        ...(outside.length ? { remarks: `Outside what this tool evidences (assessed from other records): ${outside.map((c) => `${c.catalogue} ${c.id}`).join(", ")}.` } : {}),
      },
      "assessment-subjects": [
        {
          type: "component",
          description: `GitHub repositories ${meta.repos.join(", ") || "(none)"}, ${meta.period.from} to ${meta.period.to}.`,
          "include-all": {},
        },
      ],
    },
  };
  const text = canonicalJson(doc) + "\n";
  await writeFile(file, text);
  return { path: ASSESSMENT_PLAN_PATH, sha256: createHash("sha256").update(text).digest("hex"), size: Buffer.byteLength(text) };
}
