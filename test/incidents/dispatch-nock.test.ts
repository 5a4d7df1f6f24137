import nock from "nock";
import { expect, it } from "vitest";
import { example, nockProbot } from "../helpers/probot.js";

const API = "https://api.github.com";
const REPO = "/repos/octo-org/octo-repo";
const NOW = new Date("2026-03-02T09:12:00Z");
const BODY = "### Impact\n\nHigh\n\n### Urgency\n\nHigh\n\n### Affected service\n\npayments-api\n";
const BOT = { login: "ims-bot[bot]", type: "Bot" };

const label = (name: string) => ({ id: 1, node_id: "L", url: `${API}${REPO}/labels/x`, name, color: "ededed", default: false, description: null });
const issue = (number: number, labels: string[], created: string) => ({ ...(example("issues", "opened").issue as object), number, body: BODY, labels: labels.map(label), created_at: created, updated_at: created, state: "open", comments: 1 });

const t = nockProbot(() => NOW);

it("sweeps on repository_dispatch ims-sweep: one search page, reads only the record that can be due, marks it at risk and escalates once", async () => {
  nock(API).post("/app/installations/2/access_tokens").reply(200, { token: "t", expires_at: "2099-01-01T00:00:00Z", permissions: {} });
  const due = issue(1, ["ims:incident", "priority:P1"], "2026-03-02T09:00:00Z");
  const young = issue(2, ["ims:incident", "priority:P1"], "2026-03-02T09:05:00Z");
  const final = issue(3, ["ims:incident", "priority:P1", "sla:breached", "escalation:functional", "escalation:hierarchical"], "2026-03-01T09:00:00Z");
  // one search finds the repository's open incident and review records, oldest first (issue 10)
  nock(API).get("/search/issues").query({ q: 'repo:octo-org/octo-repo is:issue is:open archived:false label:"ims:incident","ims:post-incident-review","ims:risk"', sort: "created", order: "asc", per_page: "100", page: "1" }).reply(200, { total_count: 3, incomplete_results: false, items: [due, young, final] });
  nock(API).get(`${REPO}/contents/.github%2Fims.yml`).reply(404, { message: "Not Found" });
  nock(API).get("/repos/octo-org/.github/contents/.github%2Fims.yml").reply(404, { message: "Not Found" });
  nock(API).get(`${REPO}/issues/1`).reply(200, due);
  const cardBody = "<!-- ims-card -->\n### old";
  nock(API).get(`${REPO}/issues/1/comments`).query(true).reply(200, [{ id: 50, body: cardBody, user: BOT, created_at: "2026-03-02T09:00:05Z" }]);
  nock(API).get(`${REPO}/issues/1/timeline`).query({ per_page: 100 }).reply(200, [
    { event: "labeled", created_at: "2026-03-02T09:00:00Z", label: { name: "ims:incident" }, actor: { login: "octocat", type: "User" } },
    { event: "commented", created_at: "2026-03-02T09:03:00Z", user: { login: "someone", type: "User" }, actor: { login: "someone", type: "User" } },
  ]);
  nock(API).get(`${REPO}/collaborators/someone/permission`).reply(200, { permission: "read", role_name: "read", user: { login: "someone" } });
  nock(API).get(`${REPO}/labels`).query({ per_page: 100 }).reply(200, [label("sla:at-risk"), label("escalation:functional")]);
  let added: string[] = [];
  nock(API).post(`${REPO}/issues/1/labels`).reply(200, (_u, b) => ((added = (b as { labels: string[] }).labels), []));
  let mention = "";
  nock(API).post(`${REPO}/issues/1/comments`).reply(201, (_u, b) => ({ id: 51, body: (mention = (b as { body: string }).body) }));
  nock(API).get(`${REPO}/issues/1/comments`).query(true).reply(200, [
    { id: 50, body: cardBody, user: BOT, created_at: "2026-03-02T09:00:05Z" },
    { id: 51, body: "<!-- ims-escalated level=resolver%20team -->\nx", user: BOT, created_at: "2026-03-02T09:12:00Z" },
  ]);
  let card = "";
  nock(API).patch(`${REPO}/issues/comments/50`).reply(200, (_u, b) => ({ id: 50, body: (card = (b as { body: string }).body) }));
  // the open post-implementation review records (issue 4) came with the search: none here

  const payload = { ...example("repository_dispatch"), action: "ims-sweep" };
  await t.probot().receive({ id: "sweep-1", name: "repository_dispatch", payload } as never);

  expect(added.sort()).toEqual(["escalation:functional", "sla:at-risk"]);
  expect(mention).toContain("<!-- ims-escalated level=resolver%20team -->");
  expect(mention).toContain("@octo-org/service-desk");
  expect(card).toContain("**at-risk**");
  expect(card).toMatch(/"rule":"escalation".*"delivery":"dispatch\\u002dsweep\\u002d1"/);
});
