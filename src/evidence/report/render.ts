import type { ReportData } from "./data.js";
import { html } from "./html.js";
import { configSection } from "./config-section.js";
import { deploymentsSection } from "./deployments-section.js";
import { changesSection, controlsSection, majorSection, securitySection, slaSection, summary, trendSection, verifySection } from "./sections.js";
import { reportPage } from "./page.js";
import { exceptionsSection } from "./exceptions-section.js";
import { risksSection } from "./risks-section.js";
import { vulnerabilitiesSection } from "./vulnerabilities-section.js";
import { when } from "./when.js";

export { REPORT_CSP } from "./page.js";

/** report.html: one self-contained page, every text escaped, printable to PDF. */
export function renderReport(d: ReportData): string {
  const banner = d.signed
    ? html`<div class="signed">Signed bundle. Key fingerprint <code>${d.fingerprint}</code>.</div>`
    : html`<div class="banner" id="unsigned">UNSIGNED BUNDLE: the hashes show whether files changed, but nothing shows who produced them.</div>`;
  return reportPage(
    `Evidence report ${d.period.from} to ${d.period.to}`,
    html`<h1>Evidence report</h1>
<p class="muted">${d.repos.join(", ")}: ${when(d.period.from)} to ${when(d.period.to)}. ISO/IEC 27001:2013, 27001:2022 and 20000-1:2018 (20000-1 correspondence is our reading).</p>
${banner}
<nav class="toc">${d.exceptions ? html`<a href="#exceptions">Exceptions</a> · ` : ""}<a href="#summary">Summary</a> · ${d.records ? html`<a href="#records">Records</a> · ` : ""}<a href="#controls">Controls</a> · <a href="#evidence">Evidence per control</a> · <a href="#verify">Verify</a></nav>
${d.exceptions ? exceptionsSection(d.exceptions) : ""}
${summary(d)}
${slaSection(d)}
${trendSection(d)}
${securitySection(d)}
${vulnerabilitiesSection(d.vulnerabilities)}
${majorSection(d)}
${changesSection(d)}
${deploymentsSection(d)}
${risksSection(d.risks)}
${configSection(d)}
${d.records ? d.records.section(d.rawIds ?? new Set()) : ""}
${controlsSection(d)}
${verifySection(d)}`,
  );
}
