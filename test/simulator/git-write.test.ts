import { beforeEach, describe, expect, it } from "vitest";
import type { Simulator } from "../../src/simulator/index.js";
import { useSimulator, type setup } from "./helpers.js";

type Parts = Awaited<ReturnType<typeof setup>>;
let sim: Simulator;
let octokit: Parts["octokit"];
let receiver: Parts["receiver"];
useSimulator((s) => ({ sim, octokit, receiver } = s));

const repo = { owner: "acme", repo: "web" };
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const status = (p: Promise<unknown>) => p.then(() => 0, (e: { status: number; response?: { data: { message: string } } }) => [e.status, e.response?.data.message]);

// What an app opening an onboarding pull request does: a branch, files on it, the pull request.
describe("branches, file writes and pull requests by an app with contents and pull_requests: write", () => {
  beforeEach(() => sim.setGrantedPermissions({ metadata: "read", contents: "write", pull_requests: "write", issues: "write" }));

  it("creates a branch, writes a new and a changed file on it (one push each, as GitHub sends), and opens a pull request", async () => {
    const { data: main } = await octokit.rest.git.getRef({ ...repo, ref: "heads/main" });
    const branch = await octokit.rest.git.createRef({ ...repo, ref: "refs/heads/ims/onboarding", sha: main.object.sha });
    expect(branch).toMatchObject({ status: 201, data: { ref: "refs/heads/ims/onboarding", object: { sha: main.object.sha, type: "commit" } } });

    const added = await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: ".github/ISSUE_TEMPLATE/incident.yml", message: "Add the incident form", content: b64("name: Incident\n"), branch: "ims/onboarding" });
    expect(added).toMatchObject({ status: 201, data: { content: { path: ".github/ISSUE_TEMPLATE/incident.yml" }, commit: { message: "Add the incident form", parents: [{ sha: main.object.sha }] } } });
    const { data: readme } = await octokit.rest.repos.getContent({ ...repo, path: "README.md", ref: "ims/onboarding" });
    const changed = await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "README.md", message: "Say how to file an incident", content: b64("# web\n\nFile incidents with the form.\n"), sha: (readme as { sha: string }).sha, branch: "ims/onboarding" });
    expect(changed.status).toBe(200);

    const pr = await octokit.rest.pulls.create({ ...repo, title: "Set up ims-bot", head: "ims/onboarding", base: "main", body: "What each file does" });
    expect(pr).toMatchObject({ status: 201, data: { user: { login: sim.botLogin }, head: { ref: "ims/onboarding", sha: changed.data.commit.sha }, changed_files: 2 } });
    await sim.settle();
    const pushes = receiver.received.filter((r) => r.event === "push").map((r) => [r.payload.ref, (r.payload as { created?: boolean }).created]);
    expect(pushes).toEqual([["refs/heads/ims/onboarding", true], ["refs/heads/ims/onboarding", false], ["refs/heads/ims/onboarding", false]]);
    expect(receiver.received.some((r) => r.event === "pull_request" && r.payload.action === "opened")).toBe(true);
    // the default branch is untouched until the pull request is merged
    expect((await octokit.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha).toBe(main.object.sha);
  });

  it("answers GitHub's errors: a ref that exists or points nowhere (422), a file changed since it was read (409), a file overwritten without its sha (422)", async () => {
    const { data: main } = await octokit.rest.git.getRef({ ...repo, ref: "heads/main" });
    expect(await status(octokit.rest.git.createRef({ ...repo, ref: "refs/heads/main", sha: main.object.sha }))).toEqual([422, "Reference already exists"]);
    expect(await status(octokit.rest.git.createRef({ ...repo, ref: "refs/heads/x", sha: "f".repeat(40) }))).toEqual([422, "Object does not exist"]);
    expect(await status(octokit.rest.git.getRef({ ...repo, ref: "heads/nope" }))).toEqual([404, "Not Found"]);
    expect(await status(octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "README.md", message: "m", content: b64("x") }))).toEqual([422, 'Invalid request.\n\n"sha" wasn\'t supplied.']);
    expect(await status(octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "README.md", message: "m", content: b64("x"), sha: "0".repeat(40) }))).toEqual([409, `README.md does not match ${"0".repeat(40)}`]);
    expect(await status(octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "a.md", message: "m", content: b64("x"), branch: "nope" }))).toEqual([404, "Branch nope not found"]);
  });
});

describe("with the permissions an installation accepted before onboarding", () => {
  it("an installation without contents: write cannot create a branch or write a file (403, as on GitHub)", async () => {
    sim.setGrantedPermissions({ metadata: "read", contents: "read", pull_requests: "read", issues: "write" });
    const { data: main } = await octokit.rest.git.getRef({ ...repo, ref: "heads/main" });
    expect(await status(octokit.rest.git.createRef({ ...repo, ref: "refs/heads/x", sha: main.object.sha }))).toEqual([403, "Resource not accessible by integration"]);
    expect(await status(octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "a.md", message: "m", content: b64("x") }))).toEqual([403, "Resource not accessible by integration"]);
  });
});
