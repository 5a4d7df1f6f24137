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
