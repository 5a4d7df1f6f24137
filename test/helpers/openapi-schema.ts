/**
 * Turns OpenAPI 3.0 schema objects into JSON Schema a validator understands, in place: OpenAPI's
 * `nullable: true` means "or null", which JSON Schema spells as a `null` type (or, where the schema
 * has no `type` of its own, as in `{ oneOf: [...], nullable: true }`, an `anyOf` with a null branch).
 * An `enum` of a nullable schema gains `null` too, as OpenAPI 3.0.3 specifies.
 */
export function fromOpenApi30(node: unknown): unknown {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = fromOpenApi30(node[i]);
    return node;
  }
  if (!node || typeof node !== "object") return node;
  const obj = node as Record<string, unknown>;
  for (const key of Object.keys(obj)) obj[key] = fromOpenApi30(obj[key]);
  if (!("nullable" in obj) || typeof obj.nullable !== "boolean") return obj;
  const nullable = obj.nullable;
  delete obj.nullable;
  if (!nullable) return obj;
  if (Array.isArray(obj.enum) && !obj.enum.includes(null)) obj.enum = [...obj.enum, null];
  if (typeof obj.type === "string") {
    obj.type = [obj.type, "null"];
    return obj;
  }
  if (Array.isArray(obj.type)) {
    if (!obj.type.includes("null")) obj.type = [...obj.type, "null"];
    return obj;
  }
  return { anyOf: [obj, { type: "null" }] };
}
