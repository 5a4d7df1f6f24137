import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import { buildClientSchema, parse, validate, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import addFormatsModule from "ajv-formats";
import { fromOpenApi30 } from "./openapi-schema.js";

// GitHub's official OpenAPI description: loaded from disk, never through vite (13 MB).
const require = createRequire(import.meta.url);
const specPath = require.resolve("@octokit/openapi/generated/api.github.com.json");

interface Parameter {
  $ref?: string;
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Record<string, unknown>;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}
type Spec = { paths: Record<string, Record<string, Operation>>; components: { parameters: Record<string, Parameter> } };

interface Route {
  template: string;
  re: RegExp;
  keys: string[];
  /** Literal segments first, like GitHub's router: `/issues/comments` before `/issues/{issue_number}`. */
  specificity: number;
}

let loaded: { spec: Spec; body: Ajv; params: Ajv; routes: Route[] } | null = null;

function makeAjv(coerce: boolean): Ajv {
  const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, coerceTypes: coerce ? "array" : false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  // GitHub's own formats: documentation hints, not constraints a JSON Schema validator knows.
  ajv.addFormat("repo.nwo", true);
  ajv.addFormat("timestamp", true);
  return ajv;
}

function load(): NonNullable<typeof loaded> {
  if (!loaded) {
    // OpenAPI 3.0 is not JSON Schema: `nullable` (often without `type`) has to become a null branch.
    const spec = fromOpenApi30(JSON.parse(readFileSync(specPath, "utf8"))) as Spec;
    const body = makeAjv(false);
    body.addSchema(spec as object, "gh");
    // Query and path values arrive as strings; GitHub reads `per_page=5` as the integer 5.
    const params = makeAjv(true);
    params.addSchema(spec as object, "gh");
    const routes = Object.keys(spec.paths).map((template): Route => {
      const keys: string[] = [];
      const segments = template.split("/").map((seg) => {
        const m = /^\{([^}]+)\}$/.exec(seg);
        if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        keys.push(m[1]!);
        // A file path may hold slashes (`/contents/.github/ims.yml`).
        return m[1] === "path" ? "(.+)" : "([^/]+)";
      });
      return { template, re: new RegExp("^" + segments.join("/") + "/?$"), keys, specificity: template.split("/").length * 10 - keys.length };
    });
    routes.sort((a, b) => b.specificity - a.specificity);
    loaded = { spec, body, params, routes };
  }
  return loaded;
}

// GitHub's GraphQL schema, for the one REST-less endpoint: built on first use (the SDL is large).
// (its introspection JSON: the published SDL defines one field twice, which buildSchema refuses)
const graphqlSchemaPath = new URL("../../node_modules/@octokit/graphql-schema/schema.json", import.meta.url);
let graphqlSchema: GraphQLSchema | null = null;

/** A query sent to `POST /graphql` is checked against GitHub's published schema instead. */
export function checkGraphql(options: Record<string, unknown>): Violation | null {
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

/** One HTTP request as it goes over the wire (the simulator's view). */
export interface HttpRequest {
  method: string;
  /** Path without host or query, percent-encoded as sent. */
  path: string;
  query: Array<[string, string]>;
  /** The parsed JSON body, or undefined when none was sent. */
  body: unknown;
}

const pointerOf = (template: string, method: string, rest: string): string => `gh#/paths/${template.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}/${rest}`;

function resolveParam(spec: Spec, p: Parameter): Parameter {
  return p.$ref ? spec.components.parameters[p.$ref.split("/").pop()!]! : p;
}

/** A parameter schema compiled on its own still points into the description (`#/components/...`). */
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `gh${v}` : rebase(v)]));
}

const paramValidators = new Map<string, ValidateFunction>();
function paramValidator(ajv: Ajv, key: string, schema: Record<string, unknown>): ValidateFunction {
  let v = paramValidators.get(key);
  if (!v) {
    v = ajv.compile({ type: "object", properties: { value: rebase(schema) } });
    paramValidators.set(key, v);
  }
  return v;
}

function checkParam(ajv: Ajv, key: string, p: Parameter, raw: string | string[]): string | null {
  if (!p.schema) return null;
  const data = { value: Array.isArray(raw) && p.schema.type !== "array" ? raw.join(",") : raw };
  const v = paramValidator(ajv, key, p.schema);
  return v(data) ? null : `${p.in} parameter ${p.name}=${JSON.stringify(raw)}: ${ajv.errorsText(v.errors, { dataVar: p.name }).replace(`${p.name}/value`, p.name)}`;
}

function findRoute(path: string): { route: Route; values: string[] } | null {
  for (const route of load().routes) {
    const m = route.re.exec(path);
    if (m) return { route, values: m.slice(1) };
  }
  return null;
}

/**
 * Checks one request against the operation GitHub's OpenAPI description has for it: the path and
 * method exist, path parameters match their schema, every query parameter is one the operation
 * takes with a valid value, required query parameters are present, and the body matches the
 * request schema (or is absent where the operation takes none).
 */
export function checkHttp(req: HttpRequest, known?: { template: string; pathValues: Record<string, string> }): Violation | null {
  const { spec, body: bodyAjv, params: paramAjv } = load();
  const method = req.method.toLowerCase();
  let template: string;
  let pathValues: Record<string, string>;
  if (known) {
    template = known.template;
    pathValues = known.pathValues;
  } else {
    const found = findRoute(req.path);
    if (!found) return { method, url: req.path, problem: "no such path in GitHub's REST API" };
    template = found.route.template;
    pathValues = Object.fromEntries(found.route.keys.map((k, i) => [k, decodeURIComponent(found.values[i]!)]));
  }
  const op = spec.paths[template]?.[method];
  if (!spec.paths[template]) return { method, url: req.path, problem: "no such path in GitHub's REST API" };
  if (!op) return { method, url: template, problem: `no ${method.toUpperCase()} operation on this path` };
  const fail = (problem: string): Violation => ({ method, url: template, problem });
  const declared = (op.parameters ?? []).map((p) => resolveParam(spec, p));
  for (const p of declared.filter((d) => d.in === "path")) {
    const value = pathValues[p.name];
    if (value === undefined) return fail(`path parameter ${p.name} missing`);
    const problem = checkParam(paramAjv, `${op.operationId}:path:${p.name}`, p, value);
    if (problem) return fail(problem);
  }
  const query = new Map<string, string[]>();
  for (const [k, v] of req.query) query.set(k, [...(query.get(k) ?? []), v]);
  for (const [name, values] of query) {
    const p = declared.find((d) => d.in === "query" && (d.name === name || `${d.name}[]` === name));
    if (!p) return fail(`query parameter ${name} is not one this operation takes`);
    const problem = checkParam(paramAjv, `${op.operationId}:query:${p.name}`, p, values.length === 1 && p.schema?.type !== "array" ? values[0]! : values);
    if (problem) return fail(problem);
  }
  for (const p of declared.filter((d) => d.in === "query" && d.required)) {
    if (!query.has(p.name)) return fail(`required query parameter ${p.name} missing`);
  }
  const hasBody = req.body !== undefined && !(typeof req.body === "object" && req.body !== null && !Array.isArray(req.body) && Object.keys(req.body).length === 0);
  const content = op.requestBody?.content;
  if (!content) return hasBody ? fail(`body sent but the operation takes none: ${typeof req.body === "object" && req.body ? Object.keys(req.body).join(", ") : String(req.body)}`) : null;
  if (!content["application/json"]) return null;
  const validate = bodyAjv.getSchema(pointerOf(template, method, "requestBody/content/application~1json/schema")) ?? bodyAjv.compile({ $ref: pointerOf(template, method, "requestBody/content/application~1json/schema") });
  if (validate(req.body ?? {})) return null;
  return fail(bodyAjv.errorsText(validate.errors));
}

/**
 * Checks a request as Octokit is about to send it (endpoint options: a URL template and its
 * parameters): like GitHub's @octokit/endpoint, parameters that are not in the path go to the query
 * string for GET and HEAD and to the JSON body otherwise (`data` replaces the body).
 */
export function checkRequest(options: Record<string, unknown>): Violation | null {
  const method = String(options.method ?? "GET").toUpperCase();
  const raw = String(options.url ?? "").replace(/^https?:\/\/[^/]+/, "");
  const [pathPart = "", search = ""] = raw.split("?");
  if (method === "POST" && pathPart === "/graphql") return checkGraphql(options);
  const query: Array<[string, string]> = [...new URLSearchParams(search)];
  const inPath = new Set([...pathPart.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!));
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) if (!RESERVED.has(k) && !inPath.has(k) && v !== undefined) rest[k] = v;
  let body: unknown;
  if (method === "GET" || method === "HEAD") {
    for (const [k, v] of Object.entries(rest)) query.push([k, Array.isArray(v) ? v.join(",") : String(v)]);
  } else {
    body = "data" in options ? options.data : Object.keys(rest).length ? rest : undefined;
  }
  if (!inPath.size) return checkHttp({ method, path: pathPart, query, body });
  const template = pathPart;
  const pathValues: Record<string, string> = {};
  for (const k of inPath) pathValues[k] = String(options[k] ?? "");
  if (!load().spec.paths[template]) return { method: method.toLowerCase(), url: template, problem: "no such path in GitHub's REST API" };
  return checkHttp({ method, path: pathPart, query, body }, { template, pathValues });
}

/**
 * Where GitHub's description is known to be wrong about what GitHub sends (errors at these data
 * paths are not reported). Each entry: operation, data path, why.
 */
const RESPONSE_SCHEMA_WRONG: Array<{ route: string; path: RegExp; why: string }> = [
  // Inlined here as allOf [simple-user, enterprise] (both at once); the installation component says anyOf.
  { route: "get /app/installations", path: /^\/\d+\/account$/, why: "an account is a user or an enterprise" },
  // issue-search-result-item says `body: string`; the issue schema itself (and GitHub) says string or null.
  { route: "get /search/issues", path: /^\/items\/\d+\/body$/, why: "an issue without body is null" },
  // pull-request-simple inlines labels with `description: string`; the label schema says string or null.
  { route: "get /repos/{owner}/{repo}/pulls", path: /^\/\d+\/labels\/\d+\/description$/, why: "a label without description is null" },
];

/** Checks a JSON response body against the schema GitHub documents for that operation and status. */
export function checkResponseBody(method: string, path: string, status: number, body: unknown): Violation | null {
  const { spec, body: ajv } = load();
  const found = findRoute(path);
  const m = method.toLowerCase();
  if (!found) return null;
  const template = found.route.template;
  const op = spec.paths[template]?.[m] as (Operation & { responses?: Record<string, { content?: Record<string, unknown> }> }) | undefined;
  const response = op?.responses?.[String(status)];
  if (!response) return status >= 400 ? null : { method: m, url: template, problem: `status ${status} is not one GitHub documents for this operation` };
  if (!response.content?.["application/json"]) return null;
  const ptr = pointerOf(template, m, `responses/${status}/content/application~1json/schema`);
  const validate = ajv.getSchema(ptr) ?? ajv.compile({ $ref: ptr });
  if (validate(body)) return null;
  const wrong = RESPONSE_SCHEMA_WRONG.filter((w) => w.route === `${m} ${template}`);
  const errors = (validate.errors ?? []).filter((e) => !wrong.some((w) => w.path.test(e.instancePath)));
  return errors.length ? { method: m, url: template, problem: ajv.errorsText(errors) } : null;
}

/** The description's own template for `METHOD /path/{any}/{names}`, or null when GitHub has no such operation. */
export function operationTemplate(method: string, template: string): string | null {
  const norm = (t: string): string => t.replace(/\{[^}]+\}/g, "{}");
  const found = Object.entries(load().spec.paths).find(([t, ops]) => norm(t) === norm(template) && ops[method.toLowerCase()]);
  return found ? found[0] : null;
}

/** Compiles the request-body schema of every operation; returns the operations that fail, with why. */
export function compileEveryOperation(): { operations: number; failures: string[] } {
  const { spec, body, params } = load();
  const failures: string[] = [];
  let operations = 0;
  for (const [template, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (typeof op !== "object" || !op || !("responses" in op)) continue;
      operations++;
      try {
        if (op.requestBody?.content?.["application/json"]) {
          const ptr = pointerOf(template, method, "requestBody/content/application~1json/schema");
          if (!body.getSchema(ptr)) body.compile({ $ref: ptr });
        }
        for (const p of (op.parameters ?? []).map((d) => resolveParam(spec, d))) {
          if (p.schema && (p.in === "query" || p.in === "path")) paramValidator(params, `${op.operationId}:${p.in}:${p.name}`, p.schema);
        }
      } catch (err) {
        failures.push(`${method.toUpperCase()} ${template} (${op.operationId}): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  return { operations, failures };
}
