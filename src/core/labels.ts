/**
 * How the app compares label names: the one rule, case-insensitive, as GitHub compares them (a
 * repository cannot hold `ims:incident` and `IMS:Incident` at once, and either name labels the record).
 */

/** Two label names are one label when they differ only in case. */
export function sameLabel(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The labels include this one, in any case. */
export function hasLabel(labels: readonly string[], name: string): boolean {
  return labels.some((l) => sameLabel(l, name));
}

/** A label as GitHub gives it: a name (a search item, a form) or an object with one (REST, webhooks). */
export type LabelLike = string | { name?: string | null } | null | undefined;

/** The names of labels as GitHub gives them, leaving out those without a name. */
export function labelNames(labels: readonly LabelLike[] | null | undefined): string[] {
  return (labels ?? []).map((l) => (typeof l === "string" ? l : (l?.name ?? ""))).filter(Boolean);
}
