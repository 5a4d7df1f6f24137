import { expect, it } from "vitest";
import type { Stack } from "../../src/demo/stack.js";
import { card, form, REPO, useIncidentStack } from "../helpers/incident-stack.js";

let stack: Stack;
useIncidentStack((s) => (stack = s));

async function openWithConfig(files: Record<string, Record<string, string>>) {
  const { sim } = stack;
  sim.quietly(() => {
    for (const [repo, content] of Object.entries(files)) {
      if (repo !== REPO) sim.createRepo({ owner: "acme", name: repo.split("/")[1]!, files: content });
      else for (const [path, text] of Object.entries(content)) sim.as("bob").putFile(REPO, path, text);
    }
  });
  const i = sim.as("alice").openIssue(REPO, { title: "Down", body: form("High", "High"), labels: ["ims:incident"] });
  await sim.settle();
  return i.number;
}

const failed = () => stack.sim.deliveries.filter((d) => d.status >= 400);

it("an `_extends` loop is a config error on the card, not a failed delivery on every event", async () => {
  const n = await openWithConfig({ [REPO]: { ".github/ims.yml": "_extends: .github\n" }, "acme/.github": { ".github/ims.yml": "_extends: web\n" } });
  expect(failed()).toEqual([]);
  expect(stack.sim.labels(REPO, n)).toContain("priority:P1");
  expect(card(stack, n)).toContain("`.github/ims.yml`: `_extends` goes round in a loop");
});

it("an `_extends` value that names no repository is a config error", async () => {
  const n = await openWithConfig({ [REPO]: { ".github/ims.yml": "_extends: 'not a repo!'\n" } });
  expect(failed()).toEqual([]);
  expect(card(stack, n)).toContain("`_extends` must name a repository");
});

it("an `_extends` to a repository without the file is said, not silently ignored (org settings would be lost)", async () => {
  const n = await openWithConfig({ [REPO]: { ".github/ims.yml": "_extends: acme/policies\nsecurity:\n  team: secops\n" } });
  expect(failed()).toEqual([]);
  expect(card(stack, n)).toContain("`_extends` names `acme/policies`, which has no `.github/ims.yml` ims-bot can read");
});

it("a repository without a file, and an owner without a `.github` repository, is no error", async () => {
  const n = await openWithConfig({});
  expect(card(stack, n)).not.toContain("Configuration problem");
});
