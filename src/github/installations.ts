import type { Octokit } from "./types.js";

/** A repository an installation can reach, as far as the sweep reads it. */
export interface InstalledRepo {
  name: string;
  owner: { login: string };
  archived?: boolean;
}

/** Every installation of the app (`GET /app/installations`, app-authenticated, 100 a page). */
export async function listInstallations(appOctokit: Octokit): Promise<Array<{ id: number; account?: { login: string; type?: string } | null; repository_selection?: string }>> {
  return (await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 })) as Array<{ id: number; account?: { login: string; type?: string } | null; repository_selection?: string }>;
}

/** Every repository of an installation (`GET /installation/repositories`, 100 a page). */
export async function listInstallationRepos(octokit: Octokit): Promise<InstalledRepo[]> {
  const repos = await octokit.paginate("GET /installation/repositories", { per_page: 100 });
  return repos as unknown as InstalledRepo[];
}
