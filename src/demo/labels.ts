import { LABELS } from "../records/labels.js";
import type { Simulator } from "../simulator/index.js";

/**
 * Creates every label the app and its forms use in `repo`, quietly, with the app's colours and
 * descriptions. GitHub applies an issue form's labels only when they exist, so a new repository
 * needs them before anyone files an issue; until the app creates them on installation, demo and
 * test setups seed them here.
 */
export function seedAppLabels(sim: Simulator, repo: string, by = sim.adminLogin): void {
  sim.quietly(() => {
    const existing = new Set(sim.labels(repo).map((l) => l.toLowerCase()));
    for (const label of LABELS) if (!existing.has(label.name.toLowerCase())) sim.as(by).createLabel(repo, label);
  });
}
