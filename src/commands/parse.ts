/** A command as written on the first line of a comment: `/ims <verb> [args...]`. */
export interface ParsedCommand {
  verb: string;
  args: string[];
  /** The first line as written (trimmed, at most 200 characters), for replies. */
  text: string;
}

/** Named limit: only the first line of a comment, up to this length, is read for a command. */
export const COMMAND_MAX = 200;

/**
 * Parses the first line of a comment; null when it is not an `/ims` command at all.
 * Example: parseCommand("/ims assess incident\nmore") -> { verb: "assess", args: ["incident"] }.
 */
export function parseCommand(body: string | null | undefined): ParsedCommand | null {
  if (!body) return null;
  const nl = body.indexOf("\n");
  const first = (nl < 0 ? body : body.slice(0, nl)).trim().slice(0, COMMAND_MAX);
  const m = /^\/ims(?:\s+(.*))?$/i.exec(first);
  if (!m) return null;
  const words = (m[1] ?? "").trim().split(/\s+/).filter(Boolean);
  const [verb = "help", ...args] = words;
  return { verb: verb.toLowerCase(), args, text: first };
}
