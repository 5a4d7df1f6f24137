/** The rules the layering test applies, over { path, text } pairs so that a test can add a file that breaks them. */
export interface Source {
  path: string;
  text: string;
}

/** Folders of pure code: plain data in, plain data out, never a GitHub client. */
const PURE = /^src\/(records|sla|change|problems|core|config|store|dashboard|services|deploy)\//;

/** A call on an Octokit (or anything shaped like one): `octokit.` / `.rest.` / `.request(` / `.graphql(` / `.paginate(`. */
const CALL = /\boctokit\.|\.rest\.|\.request\(|\.graphql\(|\.paginate(\.iterator)?\(/;

/**
 * Code outside src/github that may talk to GitHub, and why. Keep it short: anything the app does on
 * an event or a sweep belongs in src/github.
 */
export const ALLOWED: ReadonlyArray<{ under: string; why: string }> = [
  { under: "src/github/", why: "the one home of the app's GitHub calls (fact readers and the plan applier)" },
  { under: "src/simulator/", why: "the in-memory GitHub itself: it serves these routes, it does not call them" },
  { under: "src/evidence/export/", why: "the exporter's own HTTP client (client.ts) under an auditor's token, which records every raw response for the bundle; not the app's Octokit" },
  { under: "src/demo/", why: "the demo plays the people in the story (a user's Octokit against the simulator), not the app" },
];

function lines(s: Source): Array<{ n: number; line: string }> {
  return s.text.split("\n").map((line, i) => ({ n: i + 1, line }));
}

function isComment(line: string): boolean {
  const t = line.trim();
  return t.startsWith("//") || t.startsWith("*") || t.startsWith("/*");
}

/** `path:line: text` of every Octokit call outside the allowed folders. */
export function octokitCallsOutsideGithub(files: Source[]): string[] {
  return files
    .filter((f) => f.path.startsWith("src/") && !ALLOWED.some((a) => f.path.startsWith(a.under)))
    .flatMap((f) => lines(f).filter(({ line }) => !isComment(line) && CALL.test(line)).map(({ n, line }) => `${f.path}:${n}: ${line.trim()}`));
}

/** `path:line: text` of every import of Probot or an @octokit package in the pure core. */
export function peerImports(files: Source[]): string[] {
  const from = /\bfrom\s+["'](probot|@octokit\/[^"']+)["']|import\(\s*["'](probot|@octokit\/[^"']+)["']\s*\)/;
  return files
    .filter((f) => PURE.test(f.path))
    .flatMap((f) => lines(f).filter(({ line }) => from.test(line)).map(({ n, line }) => `${f.path}:${n}: ${line.trim()}`));
}
