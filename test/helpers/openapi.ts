import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import { buildClientSchema, parse, validate, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import addFormatsModule from "ajv-formats";

// GitHub's official OpenAPI description: loaded from disk, never through vite (13 MB).
const require = createRequire(import.meta.url);
const specPath = require.resolve("@octokit/openapi/generated/api.github.com.json");

interface Operation {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}
type Spec = { paths: Record<string, Record<string, Operation>> };

let spec: Spec | null = null;
let ajv: Ajv | null = null;
const routes: Array<{ template: string; re: RegExp }> = [];

function load(): { spec: Spec; ajv: Ajv } {
  if (!spec || !ajv) {
    spec = JSON.parse(readFileSync(specPath, "utf8")) as Spec;
    const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    ajv.addSchema(spec as object, "gh");
    for (const template of Object.keys(spec.paths)) {
      const re = new RegExp("^" + template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+") + "$");
      routes.push({ template, re });
    }
  }
  return { spec, ajv };
}

// GitHub's GraphQL schema, for the one REST-less endpoint: built on first use (the SDL is large).
// (its introspection JSON: the published SDL defines one field twice, which buildSchema refuses)
const graphqlSchemaPath = new URL("../../node_modules/@octokit/graphql-schema/schema.json", import.meta.url);
let graphqlSchema: GraphQLSchema | null = null;

/** A query sent to `POST /graphql` is checked against GitHub's published schema instead. */
function checkGraphql(options: Record<string, unknown>): Violation | null {
  graphqlSchema ??= buildClientSchema(JSON.parse(readFileSync(graphqlSchemaPath, "utf8")) as IntrospectionQuery);
  const query = typeof options.query === "string" ? options.query : "";
  let errors: readonly { message: string }[];
  try {
    errors = validate(graphqlSchema, parse(query));
  } catch (e) {
    errors = [e as Error];
  }
  return errors.length ? { method: "post", url: "/graphql", problem: errors.map((e) => e.message).join("; ") } : null;
}

const RESERVED = new Set(["method", "baseUrl", "url", "headers", "request", "mediaType", "data"]);

/** What was wrong with one request the app sent, in words. */
export interface Violation {
  method: string;
  url: string;
  problem: string;
}

/**
 * Checks a request as Octokit is about to send it: the method and path exist in GitHub's API, and
 * the body matches the operation's request schema.
 */
export function checkRequest(options: Record<string, unknown>): Violation | null {
  const { spec, ajv } = load();
  const method = String(options.method ?? "GET").toLowerCase();
  let url = String(options.url ?? "");
  url = url.replace(/^https?:\/\/[^/]+/, "").split("?")[0]!;
  if (method === "post" && url === "/graphql") return checkGraphql(options);
  const template = url.includes("{") ? url : routes.find((r) => r.re.test(url))?.template;
  if (!template || !spec.paths[template]) return { method, url, problem: "no such path in GitHub's REST API" };
  const op = spec.paths[template]![method];
  if (!op) return { method, url: template, problem: `no ${method.toUpperCase()} operation on this path` };
  if (method === "get" || method === "delete") return null;
  const params = new Set([...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!));
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) if (!RESERVED.has(k) && !params.has(k)) body[k] = v;
  const schema = op.requestBody?.content?.["application/json"]?.schema;
  if (!schema) return Object.keys(body).length ? { method, url: template, problem: `body sent but the operation takes none: ${Object.keys(body).join(", ")}` } : null;
  const pointer = `gh#/paths/${template.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}/requestBody/content/application~1json/schema`;
  const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
  if (validate(body)) return null;
  return { method, url: template, problem: ajv.errorsText(validate.errors) };
}
