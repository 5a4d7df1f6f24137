import type { Identity } from "./http.js";
import { HttpError } from "./errors.js";

/** Issued tokens: installation tokens act as the app's bot (each for one installation), user tokens as that user. */
export class Tokens {
  readonly #tokens = new Map<string, Identity>();
  #seq = 0;

  issueInstallation(installationId: number): string {
    const token = `ghs_sim${String(++this.#seq).padStart(30, "0")}`;
    this.#tokens.set(token, { kind: "installation", token, installationId });
    return token;
  }

  /** A personal token for `login` (for CLI/exporter tests that use GITHUB_TOKEN). */
  forUser(login: string): string {
    const token = `ghp_sim_${login}`;
    this.#tokens.set(token, { kind: "user", login, token });
    return token;
  }

  resolve(authorization: string | undefined): Identity {
    if (!authorization) return { kind: "anonymous" };
    const token = authorization.replace(/^(bearer|token)\s+/i, "").trim();
    // Any JWT is accepted as the app: the simulator does not check the private key.
    if (/^eyJ[\w-]*\.[\w-]*\.[\w-]*$/.test(token)) return { kind: "app" };
    const identity = this.#tokens.get(token);
    if (!identity) throw new HttpError(401, "Bad credentials");
    return identity;
  }

  /** Whose budget a request spends (its identity's key), without refusing it: bad credentials count as their header. */
  keyOf(authorization: string | undefined): string {
    try {
      return identityKey(this.resolve(authorization));
    } catch {
      return `bad:${authorization ?? ""}`;
    }
  }
}

export function identityKey(identity: Identity): string {
  switch (identity.kind) {
    case "installation":
      // GitHub counts an installation's requests together, whichever of its tokens made them
      return `installation:${identity.installationId}`;
    case "user":
      return `user:${identity.login}`;
    default:
      return identity.kind;
  }
}
