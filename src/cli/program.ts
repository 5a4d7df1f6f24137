import { Command, CommanderError, Option } from "commander";
import { runExport } from "../evidence/export/run.js";
import { toolInfo } from "../evidence/paths.js";
import { parseExportOptions, type ExportFlags } from "./export-options.js";
import { keygen } from "./keygen.js";
import { UsageError, type CliIo } from "./usage-error.js";
import { verifyCommand, type VerifyFlags } from "./verify.js";
import { setupCommand } from "./setup.js";
import { reportCommand, type ReportFlags } from "./report.js";
import { kindLabel } from "../records/kinds.js";
import { sampleCommand, type SampleFlags } from "./sample.js";

const collect = (value: string, previous: string[]) => [...previous, value];

/** Runs the ims-bot command line; resolves to the exit code (0 ok, 1 failed, 2 usage error). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code = 0;
  const program = new Command()
    .name("ims-bot")
    .description("Evidence bundles for ISO/IEC 27001 and 20000-1 from GitHub")
    .version(toolInfo().version)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();
  program
    .command("keygen")
    .description("create an Ed25519 signing key pair")
    .requiredOption("--out <dir>", "folder for signing-key.pem and signing-key.pub.pem")
    .action(async (o: { out: string }) => void (code = await keygen(o.out, io)));
  program
    .command("verify")
    .description("verify an evidence bundle (.zip or folder)")
    .argument("<file>", "the bundle")
    .option("--key <pub>", "public key PEM the bundle must be signed with")
    .option("--fingerprint <hex>", "SHA-256 fingerprint the signing key must have (as its owner gave it to you, not as the bundle says)")
    .option("--trust-bundled-key", "accept the key the bundle carries: proves only that the bundle is consistent with it")
    .option("--previous <file>", "the previous bundle this one must chain to")
    .option("--allow-unsigned", "accept an unsigned bundle")
    .option("--json", "print the result as JSON")
    .addHelpText("after", "\nA signed bundle needs --fingerprint or --key (the key you expect) or --trust-bundled-key: any bundle is consistent with the key inside it.")
    .action(async (file: string, o: VerifyFlags) => void (code = await verifyCommand(file, o, io)));
  program
    .command("setup")
    .description("create the app's labels and open the onboarding pull request in a repository (as /ims setup does)")
    .option("--repo <owner/name>", "repository to set up (repeatable)", collect, [] as string[])
    .option("--api-url <url>", "GitHub API base URL (default env GITHUB_API_URL or https://api.github.com)")
    .addHelpText("after", "\nCredentials: APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) of the GitHub App, or GITHUB_TOKEN with issues, contents and pull requests write.")
    .action(async (o: { repo: string[]; apiUrl?: string }) => void (code = await setupCommand(o, io)));
  program
    .command("export")
    .description("export the evidence of a period into a bundle")
    .option("--repo <owner/name>", "repository to read (repeatable)", collect, [] as string[])
    .option("--org <owner>", "read every repository of this owner")
    .option("--from <date>", "start of the period (2026-03-01 or ISO time)")
    .option("--to <date>", "end of the period, inclusive")
    .option("--out <file>", "the .zip file (or folder with --format dir) to write")
    .addOption(new Option("--format <format>", "zip or dir").default("zip"))
    .option("--key <pem>", "Ed25519 private key PEM (or env IMS_SIGNING_KEY)")
    .option("--unsigned", "write an UNSIGNED bundle (no key)")
    .option("--previous <file>", "previous bundle to chain to")
    .option("--api-url <url>", "GitHub API base URL (default env GITHUB_API_URL or https://api.github.com)")
    .option("--allow-empty", "write a valid, empty bundle when the period has no records (otherwise an error)")
    .option("--no-org-config", "take a 404 for the owner's .github repository as \"it has none\" (it may be private to the token); the bundle records the assumption")
    .option("--app-login <login>", "the app's bot login, e.g. ims-bot[bot] (or env IMS_BOT_LOGIN): only its comments and check runs are trusted")
    .addHelpText("after", "\nCredentials: GITHUB_TOKEN, or APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) of the GitHub App.\nAn interrupted export keeps what it read in <out>.partial/; the same command resumes it.")
    .action(async (o: ExportFlags) => {
      await runExport(parseExportOptions(o, io.env), { env: io.env, out: io.out, ...(io.progress ? { progress: io.progress } : {}) });
    });
  program
    .command("report")
    .description("the service report of a period: per service SLA, MTTA/MTTR, availability, backlog, problems, changes (20000-1 9.4)")
    .option("--repo <owner/name>", "repository to read (repeatable)", collect, [] as string[])
    .option("--org <owner>", "read every repository of this owner")
    .option("--from <date>", "start of the period (2026-03-01 or ISO time)")
    .option("--to <date>", "end of the period, inclusive")
    .option("--out <file>", "write the report as HTML")
    .option("--markdown <file>", "write the report as Markdown (without --out or --markdown it goes to stdout)")
    .option("--post [owner/name]", `post it as an ims:service-report issue (default: the first --repo) and open an ${kindLabel("improvement")} record per service that missed a target`)
    .option("--api-url <url>", "GitHub API base URL (default env GITHUB_API_URL or https://api.github.com)")
    .option("--no-org-config", "take a 404 for the owner's .github repository as \"it has none\"")
    .option("--app-login <login>", "the app's bot login, e.g. ims-bot[bot] (or env IMS_BOT_LOGIN): only its comments are trusted")
    .addHelpText("after", "\nReads the period as `ims-bot export` does (same credentials: GITHUB_TOKEN, or APP_ID and PRIVATE_KEY). --post needs issues write.")
    .action(async (o: ReportFlags) => void (code = await reportCommand(o, io)));
  program
    .command("sample")
    .description("draw a reproducible random sample of a bundle's records, as CSV and HTML beside the bundle")
    .argument("<bundle>", "the bundle (.zip or folder)")
    .option("--population <kind>", "changes, incidents, problems, deployments, risks or vulnerabilities")
    .option("--size <n>", "how many records", "25")
    .option("--seed <text>", "the seed: the same seed always draws the same records")
    .option("--out <dir>", "folder for the CSV and HTML (default: the bundle's folder)")
    .addHelpText("after", "\nMethod: rank every record by SHA-256(\"<seed>:<id>\"), id = <kind>/<owner>/<repo>#<number>, and take the first N; it prints a sha256sum line that redraws it.")
    .action(async (bundle: string, o: SampleFlags) => void (code = await sampleCommand(bundle, o, io)));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? 0 : 2;
    }
    if (e instanceof UsageError) {
      io.err(`ims-bot: ${e.message}\n`);
      return 2;
    }
    io.err(`ims-bot: ${(e as Error).message}\n`);
    return 1;
  }
}
