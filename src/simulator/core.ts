import { Clock } from "./clock.js";
import { orgJson, userByLogin } from "./json/user.js";
import { repoJson } from "./json/repo.js";
import { Store } from "./state.js";
import type { Repo } from "./types.js";
import { readManifest } from "./manifest.js";
import { WebhookQueue } from "./webhooks.js";

export interface AppInfo {
  id: number;
  slug: string;
  name: string;
  botLogin: string;
  installationId: number;
  owner: string;
  /** What app.yml asks for. */
  permissions: Record<string, string>;
  /**
   * What the installation has accepted: GitHub keeps an installation on its old permissions until an
   * owner accepts the new ones, so this may lag `permissions`. Installation tokens carry these.
   */
  granted: Record<string, string>;
  events: string[];
  /** "all" repositories of the account, or the "selected" ones (full names, lower case). */
  selection: "all" | "selected";
  selected: Set<string>;
}

/** Events GitHub sends every app, subscribed or not (the app's own installation changing). */
const ALWAYS_SENT: ReadonlySet<string> = new Set(["installation", "installation_repositories"]);

export interface CoreOptions {
  webhookSecret: string;
  webhookUrl?: string;
  appId?: number;
  installationId?: number;
  appSlug?: string;
  now?: Date | string | number;
}

/** The simulator's shared core: data, clock, URLs, the app identity and the webhook queue. */
export class Core {
  readonly store = new Store();
  readonly urls = { api: "http://127.0.0.1", html: "https://github.com" };
  readonly clock: Clock;
  readonly app: AppInfo;
  readonly hooks: WebhookQueue;

  constructor(opts: CoreOptions) {
    this.clock = new Clock(opts.now ?? Date.now());
    const slug = opts.appSlug ?? "ims-bot";
    const manifest = readManifest();
    this.app = {
      id: opts.appId ?? 1,
      slug,
      name: slug,
      botLogin: `${slug}[bot]`,
      installationId: opts.installationId ?? 1,
      owner: "",
      ...manifest,
      granted: { ...manifest.permissions },
      selection: "all",
      selected: new Set(),
    };
    this.store.ensureUser(this.app.botLogin, "Bot");
    this.hooks = new WebhookQueue(opts.webhookSecret, () => this.clock.iso());
    this.hooks.url = opts.webhookUrl;
  }

  now(): string {
    return this.clock.iso();
  }

  /** GitHub sends the app only the events its registration subscribes (app.yml's default_events). */
  subscribed(event: string): boolean {
    return ALWAYS_SENT.has(event) || this.app.events.includes(event);
  }

  installation(): Record<string, unknown> {
    return { id: this.app.installationId, node_id: Buffer.from(`Installation${this.app.installationId}`).toString("base64") };
  }

  /** Emits a repository-scoped webhook with repository, organization, sender and installation. */
  emitRepo(event: string, repo: Repo, sender: string, fields: Record<string, unknown>): void {
    // The app is installed on the organisation's own repositories, not on contributors' forks.
    if (repo.forkOf !== null || this.hooks.muted > 0 || !this.subscribed(event)) return;
    const org = this.store.findOrg(repo.owner);
    this.hooks.enqueue(event, {
      ...fields,
      repository: repoJson(this, repo, { push: event === "push" }),
      ...(org ? { organization: orgJson(this, org) } : {}),
      sender: userByLogin(this, sender),
      installation: this.installation(),
    });
  }

  /** Emits an organization-scoped webhook (team, membership). */
  emitOrg(event: string, orgLogin: string, sender: string, fields: Record<string, unknown>): void {
    if (this.hooks.muted > 0 || !this.subscribed(event)) return;
    this.hooks.enqueue(event, {
      ...fields,
      organization: orgJson(this, this.store.org(orgLogin)),
      sender: userByLogin(this, sender),
      installation: this.installation(),
    });
  }
}
