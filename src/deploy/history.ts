/**
 * Pure facts about an environment's deployment history, shared by the app (marking a change failed)
 * and the exporter (outcomes, DORA's change failure rate), so both use one definition.
 */
export interface DeploymentPoint {
  id: number;
  sha: string;
  environment: string;
  createdAt: string;
}

/**
 * A rollback: a deployment of a commit that this environment already had before a different commit
 * was deployed after it (going back to an older version). The first deployment of a sha is never one.
 */
export function isRollback(history: readonly DeploymentPoint[], d: DeploymentPoint): boolean {
  const earlier = history
    .filter((h) => h.environment === d.environment && h.id !== d.id && h.createdAt <= d.createdAt)
    .sort((a, b) => (a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1));
  const firstSeen = earlier.findIndex((h) => h.sha === d.sha);
  if (firstSeen < 0) return false;
  return earlier.slice(firstSeen + 1).some((h) => h.sha !== d.sha);
}
