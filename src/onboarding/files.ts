import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import type { ImsConfig } from "../config/schema.js";
import { CONFIG_PATH } from "../config/errors.js";

/** The folder of templates shipped beside `src/` (or `lib/` once built). */
const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

/** One file the onboarding pull request proposes, and what it is for (said in the body). */
export interface OnboardingFile {
  path: string;
  content: string;
  what: string;
}

/** The four issue forms, in the order the chooser shows them. */
export const FORMS = [
  { file: "incident.yml", what: "the **Incident** form: impact, urgency and service, from which ims-bot sets the priority and the SLA" },
  { file: "security-event.yml", what: "the **Security event** form: a suspected breach, assessed by the security team" },
  { file: "problem.yml", what: "the **Problem** form: the cause behind repeated incidents, root cause and workaround" },
  { file: "change.yml", what: "the **Change** form: the change record a change pull request links (risk, rollback and test plan)" },
  { file: "risk.yml", what: "the **Risk** form: the risk register (asset, threat, vulnerability, likelihood, impact, owner, treatment, review date)" },
] as const;

const read = (path: string) => readFileSync(TEMPLATES_DIR + path, "utf8");

/** The issue template chooser: blank issues stay possible, so nothing a team does today stops working. */
const CHOOSER = `# Issue template chooser (added by ims-bot's onboarding pull request).
# blank_issues_enabled: false would make every issue go through a form.
blank_issues_enabled: true
`;

/**
 * A short `.github/ims.yml` with only the settings people usually change, each with its current value
 * (the defaults, or the organisation's file): the rest stays in the defaults, documented in README.
 */
export function shortConfig(config: ImsConfig): string {
  const yaml = (value: unknown) => stringify(value).trimEnd();
  return [
    "# ims-bot configuration (added by the onboarding pull request). Anything not set here keeps its",
    "# default: see \"Configuration reference\" in ims-bot's README. Changes to this file are changes too.",
    "",
    "# Team slugs (`team` or `org/team`) ims-bot mentions, assigns and asks for reviews.",
    yaml({ security: { team: config.security.team } }),
    "# Informed of major incidents (top management).",
    yaml({ major: { team: config.major.team } }),
    "# Resolver teams: the default, and per affected service (the form's \"Affected service\").",
    yaml({ escalation: { resolvers: { default: config.escalation.resolvers.default, services: config.escalation.resolvers.services } } }),
    "",
    "# Pull requests touching these paths are changes (they need a change record and a security review).",
    yaml({ change: { paths: config.change.paths, emergency: { approvers: config.change.emergency.approvers } } }),
    "",
  ].join("\n");
}

/** Every file the onboarding pull request proposes, before leaving out the ones that exist. */
export function onboardingFiles(config: ImsConfig): OnboardingFile[] {
  return [
    ...FORMS.map((f) => ({ path: `.github/ISSUE_TEMPLATE/${f.file}`, content: read(`ISSUE_TEMPLATE/${f.file}`), what: f.what })),
    { path: ".github/ISSUE_TEMPLATE/config.yml", content: CHOOSER, what: "the template chooser's settings (blank issues stay allowed)" },
    { path: ".github/pull_request_template.md", content: read("pull_request_template.md"), what: "the pull request template: the change record to link and what a reviewer needs" },
    { path: CONFIG_PATH, content: shortConfig(config), what: "ims-bot's settings people usually change (teams, change paths), commented" },
  ];
}
