import canonicalize from "canonicalize";

/** RFC 8785 canonical JSON text of a value; throws for values JSON cannot carry. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error("value cannot be written as canonical JSON");
  return text;
}
