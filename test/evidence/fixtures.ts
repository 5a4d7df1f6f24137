import { generateKeyPairSync } from "node:crypto";
import type { BundleEntry, BundleSource } from "../../src/evidence/bundle/source.js";
import type { ChangeRecord, IncidentRecord, ProblemRecord, RawDocument, VulnerabilityRecord } from "../../src/evidence/types.js";

export const GENERATED_AT = "2026-04-01T00:00:00.000Z";
export const PERIOD = { from: "2026-03-01T00:00:00Z", to: "2026-03-31T23:59:59Z" };

/** Fixed Ed25519 keys (generated once per test run is fine: signatures are checked, not compared). */
export function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** A fixed private key, so bundles built twice are byte-identical. */
export const FIXED_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIHxxOGyDArBljGS9AE1x/NYmW2+0vDCaSoBGFjgYyHB/
-----END PRIVATE KEY-----
`;

export function incident(n: number, over: Partial<IncidentRecord> = {}): IncidentRecord {
  const day = String((n % 28) + 1).padStart(2, "0");
  const at = `2026-03-${day}T10:00:00Z`;
  return {
    kind: "incident",
    repo: "acme/web",
    number: n,
    title: `Checkout fails for some users #${n}`,
    url: `https://github.com/acme/web/issues/${n}`,
    state: "closed",
    createdAt: at,
    closedAt: `2026-03-${day}T12:00:00Z`,
    reporter: "alice",
    service: "checkout",
    priority: (["P1", "P2", "P3", "P4"] as const)[n % 4]!,
    impact: "high",
    urgency: "medium",
    cia: { confidentiality: null, integrity: null, availability: "high", personalData: false },
    security: "none",
    major: false,
    review: null,
    timeline: [{ at, actor: "alice", event: "labeled", detail: "incident", source: `issues-${n}` }],
    classification: [{ at: `2026-03-${day}T10:00:05Z`, by: "ims-bot", priority: "P2", impact: "high", urgency: "medium", security: "none", major: false }],
    sla: [
      { clock: "respond", priority: "P2", target: "30m", targetMinutes: 30, calendar: "24x7", elapsedMinutes: 12, status: "met", at: `2026-03-${day}T10:12:00Z` },
      { clock: "resolve", priority: "P2", target: "8h", targetMinutes: 480, calendar: "24x7", elapsedMinutes: 120, status: n % 3 ? "met" : "breached", at: `2026-03-${day}T12:00:00Z` },
    ],
    escalations: [],
    problems: [],
    traces: [],
    sources: [`issues-${n}`],
    ...over,
  };
}

/** A critical Dependabot alert's record opened 2 March (7d target, due 9 March), fixed on the 4th unless `over` says otherwise. */
export function vulnerability(n: number, over: Partial<VulnerabilityRecord> = {}): VulnerabilityRecord {
  return {
    kind: "vulnerability",
    repo: "acme/web",
    number: n,
    title: `Security alert (dependabot, critical): GHSA-xxxx in lodash #${n}`,
    url: `https://github.com/acme/web/issues/${n}`,
    state: "closed",
    createdAt: "2026-03-02T09:00:00Z",
    closedAt: "2026-03-04T09:00:00Z",
    reporter: "ims-bot[bot]",
    service: null,
    source: "dependabot",
    alert: { number: n, url: `https://github.com/acme/web/security/dependabot/${n}` },
    severity: "critical",
    package: "npm/lodash",
    subject: "GHSA-xxxx in lodash: Prototype pollution",
    raisedAt: "2026-03-02T09:00:00Z",
    raisedAtSource: "alert",
    target: "7d",
    targetMinutes: 10080,
    calendar: "24x7",
    due: "2026-03-09T09:00:00.000Z",
    outcome: "fixed",
    resolvedAt: "2026-03-04T09:00:00Z",
    dismissal: null,
    awaitingReview: null,
    remediationMinutes: 2880,
    withinTarget: "within",
    sources: [`issues-${n}`],
    ...over,
  };
}

export function securityIncident(n: number): IncidentRecord {
  const base = incident(n);
  return {
    ...base,
    title: `=HYPERLINK("http://evil.example","click") <script>alert(1)</script>`,
    security: "incident",
    major: true,
    cia: { confidentiality: "high", integrity: null, availability: null, personalData: true },
    classification: [
      ...base.classification,
      { at: "2026-03-05T11:00:00Z", by: "sec-lead", priority: "P1", impact: "high", urgency: "high", security: "incident", major: true },
    ],
    escalations: [{ at: "2026-03-05T11:00:10Z", kind: "functional", level: "security", team: "acme/security", reason: "security" }],
    review: { kind: "problem", repo: "acme/web", number: 900, url: "https://github.com/acme/web/issues/900", at: "2026-03-06T09:00:00Z", completedAt: "2026-03-09T09:00:00Z" },
    traces: [{ trace: { v: 1, rule: "incident.classify", inputs: { labels: ["security"] }, result: { priority: "P1" }, time: "2026-03-05T11:00:00Z", delivery: "d-1" }, url: "https://github.com/acme/web/issues/7#issuecomment-1", source: null }],
  };
}

export function problem(n: number): ProblemRecord {
  return {
    kind: "problem",
    repo: "acme/web",
    number: n,
    title: "Payment gateway timeouts",
    url: `https://github.com/acme/web/issues/${n}`,
    state: "open",
    createdAt: "2026-03-06T09:00:00Z",
    closedAt: null,
    reporter: "bob",
    service: "checkout",
    incidents: [{ kind: "incident", repo: "acme/web", number: 7, url: "https://github.com/acme/web/issues/7", at: null }],
    knownError: true,
    knownErrorAt: "2026-03-07T09:00:00Z",
    rootCause: true,
    workaround: true,
    reviewOf: { kind: "incident", repo: "acme/web", number: 7, url: "https://github.com/acme/web/issues/7", at: null },
    timeline: [],
    traces: [],
    sources: [],
  };
}

export function change(n: number, type: ChangeRecord["type"] = "normal"): ChangeRecord {
  return {
    kind: "change",
    repo: "acme/web",
    number: n,
    url: `https://github.com/acme/web/pull/${n}`,
    title: `+cmd|' /C calc'!A0 change ${n}`,
    author: "carol",
    type,
    risk: type === "emergency" ? "high" : "medium",
    state: "merged",
    createdAt: "2026-03-10T09:00:00Z",
    mergedAt: "2026-03-10T15:00:00Z",
    mergeCommit: "a".repeat(40),
    base: "main",
    changeRecord: { kind: "issue", repo: "acme/web", number: 500 + n, url: `https://github.com/acme/web/issues/${500 + n}`, at: null },
    reviews: [
      { reviewer: "dave", state: "APPROVED", commit: "b".repeat(40), at: "2026-03-10T14:00:00Z", security: false },
      { reviewer: "erin", state: "APPROVED", commit: "b".repeat(40), at: "2026-03-10T14:30:00Z", security: true },
    ],
    checkRuns: [{ name: "IMS / change control", conclusion: "success", headSha: "b".repeat(40), completedAt: "2026-03-10T14:31:00Z", url: `https://github.com/acme/web/runs/${n}`, traces: [] }],
    emergencyReview: type === "emergency" ? { kind: "issue", repo: "acme/web", number: 950, url: "https://github.com/acme/web/issues/950", at: null, completedAt: "2026-03-12T09:00:00Z" } : null,
    freezeException: null,
    configChange: n % 5 === 0,
    files: n % 5 === 0 ? [".github/ims.yml"] : ["src/app.ts"],
    timeline: [],
    traces: [],
    sources: [],
  };
}

export function raw(id: string): RawDocument {
  return {
    kind: "raw",
    id,
    endpoint: "/graphql",
    method: "POST",
    query: null,
    graphql: { query: "query($o:String!){repository(owner:$o,name:\"web\"){issues(first:100){nodes{number}}}}", variables: { o: "acme" } },
    fetchedAt: "2026-04-01T00:00:00Z",
    status: 200,
    headers: { "x-github-request-id": "ABCD:1234", etag: 'W/"abc"' },
    body: { data: { repository: { issues: { nodes: [{ number: 1 }] } } } },
  };
}

/** A small source: a few incidents of each shape, a problem, changes of each type, raw pages. */
export function smallSource(): BundleSource {
  const entries: BundleEntry[] = [
    raw("graphql-0001"),
    incident(1),
    incident(2),
    incident(3),
    securityIncident(7),
    problem(900),
    change(10),
    change(11, "standard"),
    change(12, "emergency"),
    raw("rest-issue-7-timeline"),
  ];
  return { repos: ["acme/web"], period: PERIOD, apiUrl: "https://api.github.com", entries: fromArray(entries) };
}

export async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const i of items) yield i;
}
