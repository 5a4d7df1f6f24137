import { createHash } from "node:crypto";
import { isDeployNote } from "../deploy/notes.js";
import { isCard } from "../records/card.js";
import { isAppAuthored } from "./bot-identity.js";
import { areaOf } from "./store-of.js";
import type { Octokit, RepoRef } from "./types.js";

/**
 * The app's hidden markers are only as good as the comments that carry them: anyone with write access
 * can edit any comment, the app's too (GitHub's "Repository roles for an organization": write, maintain
 * and admin may edit and delete anyone's comments on issues and pull requests). GitHub's REST comment says *that* it was edited (`updated_at` moves at every edit,
 * to the second) but not by whom, so the app remembers a hash of every body it writes (one store entry
 * per comment, written by a request hook, no API call) and trusts an own comment only when its body is
 * what the app last wrote, or, where the app does not remember (a fresh store, an expired entry), only
 * when GitHub says nobody edited it. Counting: no request at all, one store read per comment the app wrote.
 */
const HOOKED = Symbol.for("ims-bot.own-writes");

/** Why an own comment is not trusted: edited by someone (`edited`), or edited where the app cannot say by whom (`unverified`). */
export type EditVerdict = "edited" | "unverified";

export const bodyHash = (body: string): string => createHash("sha256").update(body).digest("hex").slice(0, 32);
const keyOf = (repo: string, id: number): string => `${repo.toLowerCase()}#${id}`;
const issueKeyOf = (repo: string, number: number): string => `${repo.toLowerCase()}!${number}`;
const ISSUE_URL = /\/repos\/([^/]+\/[^/]+)\/issues\/\d+$/;

/** Comments the app edits in place (its card, a deployment note): an edit alone does not say a person made it. */
export function editedInPlace(body: string): boolean {
  return isCard(body) || isDeployNote(body);
}

/**
 * Pure: the verdict on one comment the app wrote, from what the app remembers writing (a body hash, or
 * undefined) and GitHub's timestamps. Undefined: trusted. A comment the app never edits (a one-off
 * notice, an escalation, a link, a reply) that GitHub says was edited is `edited` whatever the memory
 * says; one the app edits in place is `edited` when it differs from the app's last write, `unverified`
 * when it was edited and the app remembers nothing (it is then rewritten, not reported: the app's own
 * edit and a person's look alike there).
 */
export function editVerdict(c: { body: string; created_at: string; updated_at?: string | undefined }, remembered: string | undefined): EditVerdict | undefined {
  // GitHub's schema always has updated_at; a hand-made fixture without it is taken as never edited
  const moved = c.updated_at !== undefined && c.updated_at !== c.created_at;
  if (remembered !== undefined && remembered !== bodyHash(c.body)) return "edited";
  if (!moved) return undefined;
  if (!editedInPlace(c.body)) return "edited";
  return remembered === undefined ? "unverified" : undefined;
}

/**
 * Remembers the body of every issue comment this Octokit creates or edits (once per Octokit; Probot
 * makes one per event, the sweep one per installation). A store that fails only loses the memory:
 * the write itself stands, and the timestamps still tell an edit.
 */
export function rememberOwnWrites(octokit: Octokit): void {
  const carrier = octokit as Octokit & { [HOOKED]?: true };
  if (carrier[HOOKED]) return;
  carrier[HOOKED] = true;
  // a store that fails loses only the memory, which sharpens the check (same-second edits): GitHub's timestamps still hold without it
  const remember = async (key: string, body: string): Promise<void> => {
    try {
      await areaOf<string>(octokit, "ownWrites").set(key, bodyHash(body));
    } catch {
      // nothing remembered: the write itself stands
    }
  };
  octokit.hook.after("request", async (response, options) => {
    const method = (options.method ?? "GET").toUpperCase();
    if (method !== "POST" && method !== "PATCH") return;
    const data = response.data as { id?: unknown; number?: unknown; body?: unknown; issue_url?: unknown; html_url?: unknown; repository_url?: unknown } | null;
    // an issue the app opened or whose body it wrote (a PATCH of the state alone returns the body too: not ours)
    if (data && typeof data.number === "number" && typeof data.body === "string" && typeof data.repository_url === "string" && typeof (options as { body?: unknown }).body === "string") {
      const repo = /\/repos\/([^/]+\/[^/]+)$/.exec(new URL(data.repository_url).pathname)?.[1];
      if (repo) await remember(issueKeyOf(decodeURIComponent(repo), data.number), data.body);
      return;
    }
    if (!data || typeof data.id !== "number" || typeof data.body !== "string" || typeof data.issue_url !== "string") return;
    if (typeof data.html_url !== "string" || !data.html_url.includes("#issuecomment-")) return;
    const repo = ISSUE_URL.exec(new URL(data.issue_url).pathname)?.[1];
    if (!repo) return;
    await remember(keyOf(decodeURIComponent(repo), data.id), data.body);
  });
}

/** Marks each of the app's comments that someone edited since (`edited`, or `unverified`): isOwnComment then no longer trusts it. */
export async function markEdited<C extends { id: number; body: string; created_at: string; updated_at?: string | undefined; user: { login: string; type: string } | null; performed_via_github_app?: { id?: number } | null; edited?: EditVerdict }>(
  octokit: Octokit,
  r: RepoRef,
  comments: C[],
): Promise<void> {
  const area = areaOf<string>(octokit, "ownWrites");
  const repo = `${r.owner}/${r.repo}`;
  await Promise.all(
    comments.filter(isAppAuthored).map(async (c) => {
      const remembered = await area.get(keyOf(repo, c.id)).catch(() => undefined);
      const verdict = editVerdict(c, remembered);
      if (verdict) c.edited = verdict;
    }),
  );
}

/**
 * Did someone edit the body of an issue the app opened since the app wrote it? Only the app's memory
 * can tell (REST's `updated_at` of an issue moves at every label and comment too): false when it
 * remembers nothing. One store read, no request.
 */
export async function issueBodyEdited(octokit: Octokit, r: RepoRef, number: number, body: string | null): Promise<boolean> {
  const remembered = await areaOf<string>(octokit, "ownWrites").get(issueKeyOf(`${r.owner}/${r.repo}`, number)).catch(() => undefined);
  return remembered !== undefined && remembered !== bodyHash(body ?? "");
}
