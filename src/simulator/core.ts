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

/**
 * One installation of the app on an account: which repositories it reaches and the permissions it
 * has accepted. The first (`core.primary`) is the simulator's own, kept in `core.app` for the tests
 * that know only it; `sim.addInstallation(account)` adds others, each with its own tokens and limits.
 */
export interface Installation {
  readonly id: number;
  /** The account's login; "" for the primary: the first organisation, and every account no other installation is on. */
  readonly account: string;
  selection: "all" | "selected";
  /** Full names, lower case (with "selected"). */
  selected: Set<string>;
  granted: Record<string, string>;
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
  /** The simulator's own installation (its fields are `app`'s). */
  readonly primary: Installation;
  /** Installations added on other accounts, by id. */
  readonly others = new Map<number, Installation>();

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
    const app = this.app;
    this.primary = {
      get id() { return app.installationId; },
      get account() { return app.owner; },
      get selection() { return app.selection; },
      set selection(v) { app.selection = v; },
      get selected() { return app.selected; },
      set selected(v) { app.selected = v; },
      get granted() { return app.granted; },
      set granted(v) { app.granted = v; },
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

  /** An installation by id (undefined when there is none, GitHub's 404). */
  installationById(id: number): Installation | undefined {
    return id === this.app.installationId ? this.primary : this.others.get(id);
  }

  /** Every installation, the primary first. */
  installations(): Installation[] {
    return [this.primary, ...this.others.values()];
  }

  /** The installation on `owner`'s account: an added one on that account, else the primary. */
  installationOn(owner: string): Installation {
    const login = owner.toLowerCase();
    for (const inst of this.others.values()) if (inst.account.toLowerCase() === login) return inst;
    return this.primary;
  }

  /** Whether `inst` reaches `repo`: on its account (the primary: on any account no other installation is on), and among the selected ones. */
  reaches(inst: Installation, repo: Repo): boolean {
    if (this.installationOn(repo.owner) !== inst) return false;
    return inst.selection === "all" || inst.selected.has(repo.fullName.toLowerCase());
  }

  installation(inst: Installation = this.primary): Record<string, unknown> {
    return { id: inst.id, node_id: Buffer.from(`Installation${inst.id}`).toString("base64") };
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
      installation: this.installation(this.installationOn(repo.owner)),
    });
  }

  /** Emits an organization-scoped webhook (team, membership). */
  emitOrg(event: string, orgLogin: string, sender: string, fields: Record<string, unknown>): void {
    if (this.hooks.muted > 0 || !this.subscribed(event)) return;
    this.hooks.enqueue(event, {
      ...fields,
      organization: orgJson(this, this.store.org(orgLogin)),
      sender: userByLogin(this, sender),
      installation: this.installation(this.installationOn(orgLogin)),
    });
  }
}
