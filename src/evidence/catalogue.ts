import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { ControlOverrideSchema } from "../config/schema.js";
import { CATALOGUE_IDS, EVIDENCE_KINDS, type CatalogueId, type EvidenceKind } from "./kinds.js";
import { PACKAGE_ROOT } from "./paths.js";

const Ids = z.array(z.string().min(1));
const PerCatalogue = z.strictObject({ "iso27001-2013": Ids, "iso27001-2022": Ids, "iso20000-1-2018": Ids });
const CatalogueInfo = z.strictObject({
  title: z.string().min(1),
  basis: z.enum(["standard", "our-reading"]),
  note: z.string().min(1).optional(),
});

/** Schema of `workflows/controls.yml`. */
export const CatalogueFileSchema = z.strictObject({
  version: z.literal(1),
  catalogues: z.strictObject({
    "iso27001-2013": CatalogueInfo,
    "iso27001-2022": CatalogueInfo,
    "iso20000-1-2018": CatalogueInfo.extend({ basis: z.literal("our-reading"), note: z.string().min(1) }),
  }),
  controls: z.strictObject({
    "iso27001-2013": z.record(z.string().min(1), z.string().min(1)),
    "iso27001-2022": z.record(z.string().min(1), z.string().min(1)),
    "iso20000-1-2018": z.record(z.string().min(1), z.string().min(1)),
  }),
  correspondence: z.array(PerCatalogue.extend({ topic: z.string().min(1) })),
  /** Where each control's evidence comes from: ims-bot's records, or outside what this tool evidences (named with where to look). */
  sources: z.strictObject({
    "ims-bot": z.string().min(1),
    outside: z.strictObject({
      "iso27001-2013": z.record(z.string().min(1), z.string().min(1)),
      "iso27001-2022": z.record(z.string().min(1), z.string().min(1)),
      "iso20000-1-2018": z.record(z.string().min(1), z.string().min(1)),
    }),
  }),
  evidence: z.strictObject(Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, PerCatalogue])) as Record<
    EvidenceKind,
    typeof PerCatalogue
  >),
});
export type CatalogueFile = z.infer<typeof CatalogueFileSchema>;
export type ControlOverride = z.input<typeof ControlOverrideSchema>;

export interface Control {
  catalogue: CatalogueId;
  id: string;
  title: string;
  /** Evidence kinds that support this control. */
  evidence: EvidenceKind[];
  origin: "catalogue" | "override" | "extension";
  /** Where its evidence comes from; `outside`: ims-bot cannot evidence it (supplier, continuity, audit): not a gap. */
  source: { by: "ims-bot" | "outside"; text: string };
}

export interface Catalogue {
  catalogues: CatalogueFile["catalogues"];
  controls: Control[];
  correspondence: CatalogueFile["correspondence"];
  /** What evidences a control the tool covers (controls.yml `sources.ims-bot`). */
  imsBotSource: string;
}

/** `iso27001-2022:8.32`: the key of a control across catalogues. */
export function controlKey(c: { catalogue: CatalogueId; id: string }): string {
  return `${c.catalogue}:${c.id}`;
}

/** Parses and checks a catalogue file; every referenced control must exist. Throws naming the file and path. */
export function parseCatalogue(text: string, file = "workflows/controls.yml"): Catalogue {
  const parsed = CatalogueFileSchema.safeParse(parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`\`${file}\`: \`${issue.path.join(".")}\` ${issue.message}`);
  }
  const data = parsed.data;
  const controls: Control[] = [];
  for (const catalogue of CATALOGUE_IDS) {
    for (const [id, title] of Object.entries(data.controls[catalogue])) {
      const outside = data.sources.outside[catalogue][id];
      controls.push({ catalogue, id, title, evidence: [], origin: "catalogue", source: outside ? { by: "outside", text: outside } : { by: "ims-bot", text: data.sources["ims-bot"] } });
    }
  }
  const byKey = new Map(controls.map((c) => [controlKey(c), c]));
  const need = (catalogue: CatalogueId, id: string, where: string): Control => {
    const c = byKey.get(controlKey({ catalogue, id }));
    if (!c) throw new Error(`\`${file}\`: \`${where}\` names ${catalogue} control ${id}, which is not in \`controls\``);
    return c;
  };
  for (const kind of EVIDENCE_KINDS) {
    for (const catalogue of CATALOGUE_IDS) {
      for (const id of data.evidence[kind][catalogue]) need(catalogue, id, `evidence.${kind}.${catalogue}`).evidence.push(kind);
    }
  }
  for (const catalogue of CATALOGUE_IDS) {
    for (const id of Object.keys(data.sources.outside[catalogue])) {
      const c = need(catalogue, id, `sources.outside.${catalogue}`);
      if (c.evidence.length) throw new Error(`\`${file}\`: \`sources.outside.${catalogue}\` names ${id}, which evidence kinds support (${c.evidence.join(", ")}); a control is evidenced by ims-bot or outside it, not both`);
    }
  }
  data.correspondence.forEach((row, i) => {
    for (const catalogue of CATALOGUE_IDS) for (const id of row[catalogue]) need(catalogue, id, `correspondence.${i}`);
  });
  return { catalogues: data.catalogues, controls, correspondence: data.correspondence, imsBotSource: data.sources["ims-bot"] };
}

/** The default catalogue shipped in `workflows/controls.yml`. */
export function loadDefaultCatalogue(): Catalogue {
  const file = path.join(PACKAGE_ROOT, "workflows", "controls.yml");
  return parseCatalogue(readFileSync(file, "utf8"));
}

/** Merges `evidence.controls` from config: same catalogue + id replaces title and evidence kinds, new ones extend. */
export function mergeControls(base: Catalogue, overrides: readonly ControlOverride[], file = ".github/ims.yml"): Catalogue {
  const controls = base.controls.map((c) => ({ ...c, evidence: [...c.evidence] }));
  overrides.forEach((raw, i) => {
    const o = ControlOverrideSchema.parse(raw);
    const kinds = o.evidence.map((k, j) => {
      if (!(EVIDENCE_KINDS as readonly string[]).includes(k)) {
        throw new Error(
          `\`${file}\`: \`evidence.controls.${i}.evidence.${j}\` must be one of ${EVIDENCE_KINDS.join(", ")} (got \`${k}\`)`,
        );
      }
      return k as EvidenceKind;
    });
    const at = controls.findIndex((c) => c.catalogue === o.catalogue && c.id === o.id);
    const prior = at >= 0 ? controls[at]!.source : null;
    // a control given evidence kinds is evidenced by ims-bot; one without keeps where its evidence came from
    const source = kinds.length || !prior ? { by: "ims-bot" as const, text: base.imsBotSource } : prior;
    const next: Control = { catalogue: o.catalogue, id: o.id, title: o.title, evidence: kinds, origin: "extension", source };
    if (at >= 0) controls[at] = { ...next, origin: "override" };
    else controls.push(next);
  });
  return { ...base, controls };
}

/** The controls an evidence kind supports. */
export function controlsFor(catalogue: Catalogue, kind: EvidenceKind): Control[] {
  return catalogue.controls.filter((c) => c.evidence.includes(kind));
}
