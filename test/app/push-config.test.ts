import nock from "nock";
import { expect, it } from "vitest";
import { example, nockProbot } from "../helpers/probot.js";

const API = "https://api.github.com";
const t = nockProbot(() => new Date("2026-03-02T09:00:00Z"));

function push(commits: Array<{ modified: string[] }>) {
  const p = example("push");
  const repo = p.repository as { full_name: string; name: string; owner: { login?: string; name?: string }; default_branch: string };
  const template = (p.commits as Array<Record<string, unknown>>)[0] ?? { id: "x", message: "m" };
  p.commits = commits.map((c, i) => ({ ...template, id: `c${i}`, added: [], removed: [], modified: c.modified }));
  p.ref = `refs/heads/${repo.default_branch}`;
  return { p, repo };
}

it("validates .github/ims.yml on a push that changed it and reports the IMS / config check run", async () => {
  const { p, repo } = push([{ modified: [".github/ims.yml"] }]);
  const base = `/repos/${repo.full_name}`;
  nock(API).post("/app/installations/2/access_tokens").reply(200, { token: "t", expires_at: "2099-01-01T00:00:00Z", permissions: {} });
  nock(API).get(`${base}/contents/.github%2Fims.yml`).query({ ref: p.after as string }).reply(200, "security:\n  team: 7\n", { "content-type": "text/plain; charset=utf-8" });
  let check: { name?: string; conclusion?: string; output?: { summary?: string } } = {};
  nock(API).post(`${base}/check-runs`).reply(201, (_u, b) => ((check = b as typeof check), { id: 1 }));
  await t.probot().receive({ id: "push-1", name: "push", payload: p } as never);
  expect(check.name).toBe("IMS / config");
  expect(check.conclusion).toBe("failure");
  expect(check.output?.summary).toContain("`security.team`");
});

it("checks the config on a push listing 20 commits even when none of them shows it (GitHub lists at most 20)", async () => {
  const { p, repo } = push(Array.from({ length: 20 }, () => ({ modified: ["src/app.ts"] })));
  const base = `/repos/${repo.full_name}`;
  nock(API).post("/app/installations/2/access_tokens").reply(200, { token: "t", expires_at: "2099-01-01T00:00:00Z", permissions: {} });
  nock(API).get(`${base}/contents/.github%2Fims.yml`).query({ ref: p.after as string }).reply(200, "security:\n  team: secops\n", { "content-type": "text/plain; charset=utf-8" });
  let conclusion = "";
  nock(API).post(`${base}/check-runs`).reply(201, (_u, b) => ((conclusion = (b as { conclusion: string }).conclusion), { id: 2 }));
  await t.probot().receive({ id: "push-2", name: "push", payload: p } as never);
  expect(conclusion).toBe("success");
});

it("ignores a push that did not touch the config", async () => {
  const { p } = push([{ modified: ["src/app.ts"] }]);
  await t.probot().receive({ id: "push-3", name: "push", payload: p } as never);
});
