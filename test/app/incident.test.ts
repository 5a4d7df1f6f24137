import nock from "nock";
import { describe, expect, it } from "vitest";
import { example, nockProbot } from "../helpers/probot.js";

const API = "https://api.github.com";
const REPO = "/repos/Codertocat/Hello-World";
const CREATED = "2019-05-15T15:20:18Z";
const NOW = new Date(Date.parse(CREATED) + 5_000);

const FORM_HIGH_HIGH = [
  "### Impact", "", "High", "",
  "### Urgency", "", "High", "",
  "### Affected service", "", "payments-api", "",
  "### Security impact", "", "- [X] Confidentiality", "- [ ] Integrity", "- [X] Availability", "- [ ] Personal data involved", "",
  "### What happened", "", "Checkout fails for every customer.",
].join("\n");

function labelObjects(names: string[]) {
  return names.map((name, i) => ({ id: i + 1, node_id: `L${i}`, url: `${API}${REPO}/labels/${name}`, name, color: "ededed", default: false, description: null }));
}

function openedPayload(body: string, labels: string[]) {
  const p = example("issues", "opened");
  const issue = p.issue as Record<string, unknown>;
  issue.body = body;
  issue.labels = labelObjects(labels);
  issue.comments = 0;
  return p;
}

function tokenAndConfig(config: { status: number; body?: string }) {
  nock(API).post("/app/installations/2/access_tokens").reply(200, { token: "t", expires_at: "2099-01-01T00:00:00Z", permissions: {} });
  if (config.status === 200) {
    nock(API).get(`${REPO}/contents/.github%2Fims.yml`).reply(200, config.body, { "content-type": "text/plain; charset=utf-8" });
  } else {
    nock(API).get(`${REPO}/contents/.github%2Fims.yml`).reply(404, { message: "Not Found" });
    nock(API).get("/repos/Codertocat/.github/contents/.github%2Fims.yml").reply(404, { message: "Not Found" });
  }
}

/** Issue 3: an opened incident naming a service counts recent incidents on it (trend detection, one list call). */
function trendList(incidents: unknown[] = []) {
  nock(API).get(`${REPO}/issues`).query((q) => q.labels === "ims:incident" && q.state === "all").reply(200, incidents);
}

/** Issue 3: a later event reads the timeline for the SLA clock (history, responders). */
function timeline(items: unknown[] = []) {
  nock(API).get(`${REPO}/issues/1/timeline`).query({ per_page: 100 }).reply(200, items);
}

describe("incident records (issues webhooks through Probot, GitHub mocked with nock)", () => {
  const t = nockProbot(() => NOW);

  it("classifies a High/High incident form as P1 with one record card, and a redelivery changes nothing", async () => {
    tokenAndConfig({ status: 404 });
    nock(API).get(`${REPO}/labels`).query({ per_page: 100 }).reply(200, labelObjects(["bug", "ims:incident"]));
    const created: string[] = [];
    nock(API).post(`${REPO}/labels`).times(3).reply(201, (_u, body) => {
      const b = body as { name: string; color: string; description: string };
      created.push(b.name);
      expect(b.color).toMatch(/^[0-9a-f]{6}$/);
      expect(b.description.length).toBeGreaterThan(0);
      return { ...labelObjects([b.name])[0] };
    });
    let added: string[] = [];
    nock(API).post(`${REPO}/issues/1/labels`).reply(200, (_u, body) => {
      added = (body as { labels: string[] }).labels;
      return labelObjects(added);
    });
    let card = "";
    nock(API).post(`${REPO}/issues/1/comments`).reply(201, (_u, body) => {
      card = (body as { body: string }).body;
      return { id: 10, body: card };
    });

    trendList();
    const payload = openedPayload(FORM_HIGH_HIGH, ["ims:incident"]);
    // an opened is evaluated on the issue as GitHub holds it now, not on its payload
    nock(API).get(`${REPO}/issues/1`).reply(200, { ...(payload.issue as object) });
    await t.probot().receive({ id: "delivery-1", name: "issues", payload } as never);

    expect(added.sort()).toEqual(["cia:availability", "cia:confidentiality", "priority:P1"]);
    expect(created.sort()).toEqual(["cia:availability", "cia:confidentiality", "priority:P1"]);
    expect(card).toContain("<!-- ims-card -->");
    expect(card).toContain("Priority P1");
    expect(card).toContain("impact high × urgency high → P1");
    expect(card).toContain("respond within 15m, resolve within 4h");
    expect(card).toMatch(/<!-- ims-trace \{.*"rule":"incident\.classify".*"delivery":"delivery\\u002d1".*\} -->/);

    // The same delivery again: no request at all (nock would fail on any unmatched call).
    await t.probot().receive({ id: "delivery-1", name: "issues", payload } as never);
  });

  it("edits nothing when the same content arrives again under a new delivery id", async () => {
    tokenAndConfig({ status: 404 });
    const labels = ["ims:incident", "priority:P1", "cia:confidentiality", "cia:availability"];
    nock(API).get(`${REPO}/issues/1`).reply(200, { ...(openedPayload(FORM_HIGH_HIGH, labels).issue as object) });
    // First pass to learn the card text the app would write.
    let card = "";
    nock(API).get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    nock(API).post(`${REPO}/issues/1/comments`).reply(201, (_u, body) => {
      card = (body as { body: string }).body;
      return { id: 11, body: card };
    });
    const payload = example("issues", "edited");
    Object.assign(payload.issue as object, { body: FORM_HIGH_HIGH, labels: labelObjects(labels) });
    (payload as { changes: unknown }).changes = { body: { from: "old" } };
    timeline();
    await t.probot().receive({ id: "edit-1", name: "issues", payload } as never);
    expect(card).toContain("Priority P1");

    // Same content, new delivery: reads the issue and comments (a missing config is remembered) but writes nothing.
    nock(API).get(`${REPO}/issues/1`).reply(200, { ...(payload.issue as object) });
    nock(API).get(`${REPO}/issues/1/comments`).query(true).reply(200, [
      { id: 11, body: card, user: { login: "ims-bot[bot]", type: "Bot" }, created_at: CREATED },
    ]);
    timeline();
    await t.probot().receive({ id: "edit-2", name: "issues", payload } as never);
  });

  it("marks a record with no urgency needs-triage, then replaces it with the right priority when urgency:low is added", async () => {
    tokenAndConfig({ status: 404 });
    const body = FORM_HIGH_HIGH.replace("### Urgency\n\nHigh", "### Urgency\n\n_No response_");
    nock(API).get(`${REPO}/labels`).query({ per_page: 100 }).reply(200, labelObjects(["ims:incident", "needs-triage", "priority:P3", "cia:confidentiality", "cia:availability", "urgency:low"]));
    let added: string[] = [];
    nock(API).post(`${REPO}/issues/1/labels`).reply(200, (_u, b) => (added = (b as { labels: string[] }).labels, []));
    let card = "";
    nock(API).post(`${REPO}/issues/1/comments`).reply(201, (_u, b) => ({ id: 12, body: (card = (b as { body: string }).body) }));
    trendList();
    nock(API).get(`${REPO}/issues/1`).reply(200, { ...(openedPayload(body, ["ims:incident"]).issue as object) });
    await t.probot().receive({ id: "triage-1", name: "issues", payload: openedPayload(body, ["ims:incident"]) } as never);
    expect(added).toContain("needs-triage");
    expect(added.some((l) => l.startsWith("priority:"))).toBe(false);
    expect(card).toContain("urgency missing");
    expect(card).toContain("answer \"Urgency\" in the form");

    // A person adds urgency:low (the missing config file is remembered: no second read).
    const now = ["ims:incident", "needs-triage", "cia:confidentiality", "cia:availability", "urgency:low"];
    nock(API).get(`${REPO}/issues/1`).reply(200, { ...(openedPayload(body, now).issue as object) });
    nock(API).post(`${REPO}/issues/1/labels`).reply(200, (_u, b) => (added = (b as { labels: string[] }).labels, []));
    nock(API).delete(`${REPO}/issues/1/labels/needs-triage`).reply(200, []);
    nock(API).get(`${REPO}/issues/1/comments`).query(true).reply(200, [{ id: 12, body: card, user: { login: "ims-bot[bot]", type: "Bot" }, created_at: CREATED }]);
    let edited = "";
    nock(API).patch(`${REPO}/issues/comments/12`).reply(200, (_u, b) => ({ id: 12, body: (edited = (b as { body: string }).body) }));
    const labeled = example("issues", "labeled");
    Object.assign(labeled.issue as object, { body, labels: labelObjects(now), updated_at: "2019-05-15T16:00:00Z" });
    labeled.label = labelObjects(["urgency:low"])[0];
    labeled.sender = { login: "carol", id: 7, type: "User" };
    timeline();
    await t.probot().receive({ id: "triage-2", name: "issues", payload: labeled } as never);
    expect(added).toEqual(["priority:P3"]);
    expect(edited).toContain("Priority P3");
    expect(edited).toContain("from the label `urgency:low`");
  });

  it("reports a malformed .github/ims.yml on the record with path and value, and triages on the defaults", async () => {
    tokenAndConfig({ status: 200, body: "sla:\n  targets:\n    P1: { respond: fast, resolve: 4h, calendar: 24x7 }\n" });
    nock(API).get(`${REPO}/labels`).query({ per_page: 100 }).reply(200, labelObjects(["ims:incident", "priority:P1", "cia:confidentiality", "cia:availability"]));
    nock(API).post(`${REPO}/issues/1/labels`).reply(200, []);
    let card = "";
    nock(API).post(`${REPO}/issues/1/comments`).reply(201, (_u, b) => ({ id: 13, body: (card = (b as { body: string }).body) }));
    trendList();
    nock(API).get(`${REPO}/issues/1`).reply(200, { ...(openedPayload(FORM_HIGH_HIGH, ["ims:incident"]).issue as object) });
    await t.probot().receive({ id: "bad-config", name: "issues", payload: openedPayload(FORM_HIGH_HIGH, ["ims:incident"]) } as never);
    expect(card).toContain("Configuration problem");
    expect(card).toContain("`sla.targets.P1.respond` must be a duration like `15m`, `4h`, `2d` or `3bd` (got `fast`)");
    expect(card).toContain("Triage used the built-in defaults");
    expect(card).toContain("Priority P1");
  });

  it("says the YAML is broken when .github/ims.yml does not parse", async () => {
    tokenAndConfig({ status: 200, body: "classification: [unclosed\n" });
    nock(API).get(`${REPO}/labels`).query({ per_page: 100 }).reply(200, labelObjects(["ims:incident", "priority:P1", "cia:confidentiality", "cia:availability"]));
    nock(API).post(`${REPO}/issues/1/labels`).reply(200, []);
    let card = "";
    nock(API).post(`${REPO}/issues/1/comments`).reply(201, (_u, b) => ({ id: 14, body: (card = (b as { body: string }).body) }));
    trendList();
    nock(API).get(`${REPO}/issues/1`).reply(200, { ...(openedPayload(FORM_HIGH_HIGH, ["ims:incident"]).issue as object) });
    await t.probot().receive({ id: "bad-yaml", name: "issues", payload: openedPayload(FORM_HIGH_HIGH, ["ims:incident"]) } as never);
    expect(card).toContain("`.github/ims.yml`: the file is not valid YAML");
  });

  it("ignores issues that are not incident records, labels outside its families and its own label changes", async () => {
    const notIncident = openedPayload(FORM_HIGH_HIGH, ["bug"]);
    await t.probot().receive({ id: "other-1", name: "issues", payload: notIncident } as never);
    const labeled = example("issues", "labeled");
    Object.assign(labeled.issue as object, { labels: labelObjects(["ims:incident", "bug"]) });
    await t.probot().receive({ id: "other-2", name: "issues", payload: labeled } as never);
    // GitHub echoes the labels an issue was opened with as `labeled` events: `opened` already covered them.
    const echo = example("issues", "labeled");
    Object.assign(echo.issue as object, { labels: labelObjects(["ims:incident"]) });
    echo.label = labelObjects(["ims:incident"])[0];
    await t.probot().receive({ id: "other-echo", name: "issues", payload: echo } as never);
    const own = example("issues", "labeled");
    Object.assign(own.issue as object, { labels: labelObjects(["ims:incident", "priority:P1"]) });
    own.label = labelObjects(["priority:P1"])[0];
    own.sender = { login: "ims-bot[bot]", type: "Bot", id: 99 };
    await t.probot().receive({ id: "other-3", name: "issues", payload: own } as never);
    const transferred = example("issues", "transferred");
    await t.probot().receive({ id: "other-4", name: "issues", payload: transferred } as never);
  });
});
