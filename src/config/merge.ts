/** Deep merge for config: objects merge key by key, arrays and scalars replace. `_extends` is dropped. */
export function mergeConfig(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (k === "_extends" || k === "__proto__" || k === "constructor" || k === "prototype") continue;
    out[k] = k in base ? mergeConfig(base[k], v) : v;
  }
  return out;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
