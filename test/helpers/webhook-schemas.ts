import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

// GitHub's official webhook descriptions (OpenAPI 3.1, JSON Schema types), read from disk (5 MB).
const require = createRequire(import.meta.url);
const specPath = require.resolve("@octokit/openapi-webhooks/generated/api.github.com.json");

interface WebhookOp {
  post: {
    "x-github"?: { subcategory?: string };
    requestBody: { content: { "application/json": { schema: { $ref: string } } } };
  };
}
interface Spec {
  webhooks: Record<string, WebhookOp>;
  components: { schemas: Record<string, SchemaNode> };
}
interface SchemaNode {
  properties?: { action?: { enum?: string[]; const?: string } };
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
}

/** The one action a webhook schema admits, also where it sits in oneOf branches (`review_requested`). */
function actionOf(schema: SchemaNode | undefined): string | undefined {
  const a = schema?.properties?.action;
  if (a) return a.const ?? (a.enum?.length === 1 ? a.enum[0] : undefined);
  const branches = [...(schema?.oneOf ?? []), ...(schema?.anyOf ?? [])].map(actionOf);
  return branches.length && branches.every((b) => b === branches[0]) ? branches[0] : undefined;
}

let loaded: { ajv: Ajv; byEvent: Map<string, Array<{ action: string | undefined; ref: string }>> } | null = null;
const validators = new Map<string, ValidateFunction>();

function load(): NonNullable<typeof loaded> {
  if (!loaded) {
    const spec = JSON.parse(readFileSync(specPath, "utf8")) as Spec;
    const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    // GitHub describes commit e-mails as format "email", yet writes an app's bot commits under
    // "{id}+{slug}[bot]@users.noreply.github.com", which ajv's e-mail format refuses (brackets):
    // what GitHub sends wins, one "@" between two non-empty parts.
    ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
    ajv.addSchema({ components: spec.components }, "wh");
    // Indexed by what GitHub sends: the X-GitHub-Event header and the payload's `action`. The
    // description's own X-GitHub-Event example says "issues" everywhere; its subcategory is the
    // event (spelt with hyphens for a few: `sub-issues` is the `sub_issues` event).
    const byEvent = new Map<string, Array<{ action: string | undefined; ref: string }>>();
    for (const op of Object.values(spec.webhooks)) {
      const event = op.post["x-github"]?.subcategory?.replace(/-/g, "_");
      const ref = op.post.requestBody.content["application/json"].schema.$ref;
      if (!event) continue;
      const list = byEvent.get(event) ?? [];
      list.push({ action: actionOf(spec.components.schemas[ref.split("/").pop()!]), ref });
      byEvent.set(event, list);
    }
    loaded = { ajv, byEvent };
  }
  return loaded;
}

/**
 * Checks one webhook payload against GitHub's schema for its event and action (`issues` +
 * `opened` -> `webhook-issues-opened`). Returns one line per problem, naming event, action, the
 * JSON path and what is wrong; an event or action GitHub does not describe is a problem too.
 */
export function checkWebhookPayload(event: string, payload: Record<string, unknown>): string[] {
  const { ajv, byEvent } = load();
  const action = typeof payload.action === "string" ? payload.action : undefined;
  const name = action === undefined ? event : `${event}.${action}`;
  const candidates = byEvent.get(event);
  if (!candidates) return [`${name}: GitHub describes no such webhook event`];
  // repository_dispatch's action is the sender's free-form event_type: GitHub has one schema for all.
  const entry = candidates.find((c) => c.action === action) ?? (candidates.length === 1 && candidates[0]!.action === undefined ? candidates[0] : undefined);
  if (!entry) return [`${name}: GitHub describes no such action (known: ${candidates.map((c) => c.action).join(", ")})`];
  let validate = validators.get(entry.ref);
  if (!validate) {
    validate = ajv.compile({ $ref: `wh${entry.ref}` });
    validators.set(entry.ref, validate);
  }
  if (validate(payload)) return [];
  const errors = ((validate.errors ?? []) as AjvError[]).filter((e) => !schemaWrong(e, payload));
  return dedupe(errors).map((e) => `${name} ${e.instancePath || "/"}: ${e.message ?? "invalid"}`);
}

/**
 * Where GitHub's webhook schema is known to be wrong about what GitHub sends (errors there are not
 * reported). The enum of an app's subscribed `events` (`performed_via_github_app.events`, a check suite's `app.events`) predates
 * merge queues and custom deployment protection rules: an app subscribed to `merge_group` or
 * `deployment_protection_rule` (both documented under "Webhook events and payloads") has it in that list.
 */
const APP_EVENTS_MISSING_FROM_ENUM = new Set(["merge_group", "deployment_protection_rule"]);
function schemaWrong(e: AjvError, payload: Record<string, unknown>): boolean {
  if (e.keyword !== "enum" || !/\/(?:performed_via_github_app|app)\/events\/\d+$/.test(e.instancePath)) return false;
  const value = e.instancePath.split("/").slice(1).reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], payload);
  return typeof value === "string" && APP_EVENTS_MISSING_FROM_ENUM.has(value);
}

type AjvError = { instancePath: string; schemaPath: string; keyword: string; message?: string; params: Record<string, unknown> };

/**
 * An anyOf/oneOf failure comes after every branch's complaints (Ajv reports them first, with the
 * same or deeper data path); fold those into the combinator's line so each problem reads as one.
 */
function dedupe(errors: AjvError[]): AjvError[] {
  const out: AjvError[] = [];
  for (const e of errors) {
    if (e.keyword === "anyOf" || e.keyword === "oneOf") {
      const within = (x: AjvError): boolean => x.instancePath === e.instancePath || x.instancePath.startsWith(e.instancePath + "/");
      const folded: string[] = [];
      while (out.length && within(out[out.length - 1]!)) {
        const b = out.pop()!;
        const where = b.instancePath.slice(e.instancePath.length);
        folded.unshift(`${where ? where + " " : ""}${b.message ?? b.keyword}`);
      }
      out.push({ ...e, message: `matches no ${e.keyword} branch: ${[...new Set(folded)].join("; ")}`, params: {} });
      continue;
    }
    const message = e.keyword === "required" ? `missing ${String(e.params.missingProperty)}` : e.keyword === "additionalProperties" ? `unexpected ${String(e.params.additionalProperty)}` : e.keyword === "enum" ? `${e.message} ${JSON.stringify(e.params.allowedValues)}` : e.message;
    if (!out.some((o) => o.instancePath === e.instancePath && o.message === message)) out.push({ ...e, message: message ?? e.keyword, params: {} });
  }
  return out;
}
