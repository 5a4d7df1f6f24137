import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/defaults.js";
import { EVENTS } from "../../src/index.js";

const ALWAYS_SENT = new Set(["installation", "installation_repositories"]);

type Form = { name: string; labels: string[]; body: Array<{ type: string; attributes: { label?: string; options?: Array<string | { label: string }> } }> };
const form = (name: string) => parse(readFileSync(new URL(`../../templates/ISSUE_TEMPLATE/${name}.yml`, import.meta.url), "utf8")) as Form;
const headings = (f: Form) => f.body.filter((b) => b.type !== "markdown").map((b) => b.attributes.label);
const field = (f: Form, label: string) => f.body.find((b) => b.attributes.label === label);
const config = defaultConfig();

describe("issue forms (what people file is what the app reads)", () => {
  it.each([
    ["incident", ["ims:incident"]],
    ["security-event", ["ims:incident", "security:event"]],
    ["problem", ["ims:problem"]],
    ["change", ["ims:change"]],
  ])("the %s form adds the labels that make it a record", (name, labels) => {
    expect(form(name).labels).toEqual(labels);
  });

  it.each(["incident", "security-event"])("the %s form asks exactly what classification reads, with the answers it understands", (name) => {
    const f = form(name);
    const { impact, urgency, service, securityImpact } = config.classification.fields;
    expect(headings(f)).toEqual(expect.arrayContaining([impact, urgency, service, securityImpact]));
    expect(field(f, impact)?.attributes.options).toEqual(["High", "Medium", "Low"]);
    expect(field(f, urgency)?.attributes.options).toEqual(["High", "Medium", "Low"]);
    const boxes = (field(f, securityImpact)?.attributes.options ?? []).map((o) => (typeof o === "string" ? o : o.label));
    expect(boxes).toEqual(["Confidentiality", "Integrity", "Availability", "Personal data involved"]);
  });

  it("the change form asks every answer a normal change needs, and the risk levels the gate reads", () => {
    const f = form("change");
    expect(headings(f)).toEqual(expect.arrayContaining(config.change.recordFields));
    expect(field(f, "Risk")?.attributes.options).toEqual(["Low", "Medium", "High"]);
  });

  it("the problem form has the root cause and workaround fields a known error is read from", () => {
    expect(headings(form("problem"))).toEqual(expect.arrayContaining([config.problems.fields.rootCause, config.problems.fields.workaround, config.classification.fields.service]));
  });

  it("the pull request template links a change record the way the gate parses it", () => {
    expect(readFileSync(new URL("../../templates/pull_request_template.md", import.meta.url), "utf8")).toMatch(/^Change: #/m);
  });
});

describe("app.yml (the manifest Probot registers the app from)", () => {
  const manifest = parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as { default_events: string[]; default_permissions: Record<string, string> };

  it("subscribes to every event the app handles", () => {
    // the app registers exactly the events of its table (src/index.ts)
    // installation events reach every app and cannot be subscribed to (GitHub's webhook docs)
    const handled = Object.keys(EVENTS).filter((e) => !ALWAYS_SENT.has(e));
    expect(handled.length).toBeGreaterThan(5);
    for (const event of handled) expect(manifest.default_events).toContain(event);
  });

  it("asks for the least permissions the features use: write for issues and checks, and for the onboarding pull request's contents and pull request", () => {
    expect(manifest.default_permissions).toEqual({
      issues: "write",
      pull_requests: "write",
      checks: "write",
      contents: "write",
      metadata: "read",
      members: "read",
      administration: "read",
      // the custom deployment protection rule: GitHub documents Deployments write and Actions read
      deployments: "write",
      // security alerts become security-event records (issue 13): read only, as GitHub documents the list routes
      vulnerability_alerts: "read",
      security_events: "read",
      secret_scanning_alerts: "read",
    });
  });
});
