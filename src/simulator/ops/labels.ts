import type { Core } from "../core.js";
import { HttpError, notFound, validation } from "../errors.js";
import { labelJson } from "../json/issue.js";
import type { Label, Repo } from "../types.js";

export interface LabelInput {
  name: string;
  color?: string;
  description?: string | null;
}

const COLOR = /^[0-9a-fA-F]{6}$/;

/** Creates a repository label; 422 `already_exists` like GitHub when the name is taken (any case). */
export function createLabel(core: Core, actor: string, repo: Repo, input: LabelInput): Label {
  if (!input.name?.trim()) throw validation("Label", "name", "missing_field");
  if (repo.labels.has(input.name.toLowerCase())) throw validation("Label", "name", "already_exists");
  const color = (input.color ?? "ededed").replace(/^#/, "");
  if (!COLOR.test(color)) throw validation("Label", "color", "invalid");
  const label: Label = { id: core.store.id(), name: input.name, color: color.toLowerCase(), description: input.description ?? null, default: false };
  repo.labels.set(label.name.toLowerCase(), label);
  core.emitRepo("label", repo, actor, { action: "created", label: labelJson(core, repo, label) });
  return label;
}

/** The label with this name (any case), created with the default colour when missing, as issue-label calls do. */
export function ensureLabel(core: Core, actor: string, repo: Repo, name: string): Label {
  return repo.labels.get(name.toLowerCase()) ?? createLabel(core, actor, repo, { name });
}

export function findLabel(repo: Repo, name: string): Label {
  const label = repo.labels.get(name.toLowerCase());
  if (!label) throw notFound();
  return label;
}

export function updateLabel(core: Core, actor: string, repo: Repo, name: string, patch: Partial<LabelInput> & { new_name?: string }): Label {
  const label = findLabel(repo, name);
  const changes: Record<string, { from: unknown }> = {};
  const newName = patch.new_name ?? patch.name;
  if (newName !== undefined && newName !== label.name) {
    const clash = repo.labels.get(newName.toLowerCase());
    if (clash && clash !== label) throw validation("Label", "name", "already_exists");
    changes.name = { from: label.name };
    for (const issue of repo.issues.values()) issue.labels = issue.labels.map((l) => (l === label.name ? newName : l));
    repo.labels.delete(label.name.toLowerCase());
    label.name = newName;
    repo.labels.set(newName.toLowerCase(), label);
  }
  if (patch.color !== undefined) {
    const color = patch.color.replace(/^#/, "");
    if (!COLOR.test(color)) throw validation("Label", "color", "invalid");
    if (color.toLowerCase() !== label.color) changes.color = { from: label.color };
    label.color = color.toLowerCase();
  }
  if (patch.description !== undefined && patch.description !== label.description) {
    changes.description = { from: label.description };
    label.description = patch.description;
  }
  if (Object.keys(changes).length > 0) {
    core.emitRepo("label", repo, actor, { action: "edited", label: labelJson(core, repo, label), changes });
  }
  return label;
}

export function deleteLabel(core: Core, actor: string, repo: Repo, name: string): void {
  const label = findLabel(repo, name);
  repo.labels.delete(label.name.toLowerCase());
  for (const issue of repo.issues.values()) issue.labels = issue.labels.filter((l) => l !== label.name);
  core.emitRepo("label", repo, actor, { action: "deleted", label: labelJson(core, repo, label) });
}

export function assertLabelNames(names: unknown): string[] {
  if (!Array.isArray(names)) throw new HttpError(422, "Invalid request.\n\nFor 'links/0/schema', nil is not an array.");
  return names.map((n) => (typeof n === "string" ? n : typeof n === "object" && n && "name" in n ? String(n.name) : String(n)));
}
