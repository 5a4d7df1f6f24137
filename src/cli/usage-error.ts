/** A problem with how the command was called: exit code 2, message says what to pass instead. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** The export's progress and notes (default: stderr, a bar on a terminal). */
  progress?: { write(text: string): unknown; isTTY?: boolean };
}
