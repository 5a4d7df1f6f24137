import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** The app's subscription and permissions, as GitHub would register them from `app.yml`. */
export interface Manifest {
  events: string[];
  permissions: Record<string, string>;
}

// src/simulator/ and lib/simulator/ both sit two folders below the package root, where app.yml ships
const APP_YML = new URL("../../app.yml", import.meta.url);

/**
 * Reads the app's manifest, so the simulated installation receives exactly the events `app.yml`
 * subscribes (GitHub sends an app no other event: a handler for an event missing from the manifest
 * never runs there, and must not run here either).
 */
export function readManifest(): Manifest {
  const doc = parse(readFileSync(APP_YML, "utf8")) as { default_events?: unknown; default_permissions?: unknown };
  const events = Array.isArray(doc.default_events) ? doc.default_events.map(String) : [];
  const permissions = doc.default_permissions && typeof doc.default_permissions === "object" ? Object.fromEntries(Object.entries(doc.default_permissions).map(([k, v]) => [k, String(v)])) : {};
  if (events.length === 0) throw new Error(`${APP_YML.pathname}: default_events is empty or missing`);
  return { events, permissions };
}
