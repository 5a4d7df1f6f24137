import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { decodeTraces } from "../../src/core/trace.js";
import { changeStack, checkOf, REPO, summary } from "../helpers/change-stack.js";
import { buildBundle } from "../evidence/helpers.js";
import { PERIOD, fromArray, securityIncident } from "../evidence/fixtures.js";
import { card, form, incidentStack } from "../helpers/incident-stack.js";

// Trojan Source (CVE-2021-42574): embeddings, overrides, isolates and marks reorder what a reader sees.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const TROJAN = "payments-api\u202e\u2066 lanoitcnuf\u2069\u2066\u200f\u061c\u200e\u202a\u202b\u202c\u202d\u2067\u2068";

it("a Trojan-Source title or answer cannot reorder what the record card shows (the trace keeps the text, escaped)", async () => {
  const stack = await incidentStack();
  try {
    // an impact answer the card quotes back ("reads ..."), and a service it keeps in the trace
    const i = stack.sim.as("bob").openIssue(REPO, { title: `Checkout down ${TROJAN}`, body: form(`Severe ${TROJAN}`, "High", TROJAN), labels: ["ims:incident"] });
    await stack.sim.settle();
    const text = card(stack, i.number);
    expect(text).toContain('reads "Severe payments-api lanoitcnuf"');
    expect(text).not.toMatch(BIDI);
    expect(decodeTraces(text).find((t) => t.rule === "incident.classify")?.inputs.service).toBe(TROJAN);
  } finally {
    await stack.stop();
  }
});

it("a Trojan-Source git author name cannot reorder what the check-run summary shows", async () => {
  const config = ["change:", "  standard:", "    - name: infra tweaks", "      paths: [infra/**]", "      authors: [alice]", ""].join("\n");
  const stack = await changeStack({ config });
  try {
    // the git author name is whatever the pusher typed; the standard rule names it when it is not listed
    const pr = stack.sim.as("alice").openPullRequest(REPO, {
      title: "Tweak", head: "tweak", body: "Change: #1", labels: ["ims:change", "change:standard"],
      commits: [{ message: "tweak", files: { "infra/main.tf": "c\n" }, author: { name: `mallory ${TROJAN}`, email: "m@evil.example" }, signed: true }],
    });
    await stack.sim.settle();
    const s = summary(checkOf(stack, pr.number));
    expect(s).toContain("mallory payments-api lanoitcnuf");
    expect(s).not.toMatch(BIDI);
    expect(checkOf(stack, pr.number)?.output.title ?? "").not.toMatch(BIDI);
  } finally {
    await stack.stop();
  }
});

it("a Trojan-Source record title cannot reorder what the evidence report shows", async () => {
  const b = await buildBundle({}, { repos: ["acme/web"], period: PERIOD, apiUrl: "https://api.github.com", entries: fromArray([{ ...securityIncident(1), title: `Checkout down ${TROJAN}` }]) });
  const report = readFileSync(path.join(b.out, "report.html"), "utf8");
  expect(report).toContain("Checkout down payments-api");
  expect(report).not.toMatch(BIDI);
});
