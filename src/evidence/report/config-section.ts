import type { ReportData } from "./data.js";
import { html, type Html } from "./html.js";

/** Which config each repository's records were judged by: SLA targets and escalation levels come from it. */
export function configSection(d: ReportData): Html {
  const rows = d.configs.map(
    (c) =>
      html`<tr><td>${c.repo}</td><td>${c.judgedBy === "defaults" ? "built-in defaults" : c.judgedBy === "owner" ? "the owner's .github repository" : "the repository's own file"}${c.assumed ? html` <span class="gap">(assumed: --no-org-config)</span>` : ""}${c.invalid ? html` <span class="gap">(the config is invalid)</span>` : ""}</td><td>${c.files.length ? c.files.join(", ") : "none"}</td><td>${c.note}${c.invalid ? html`<br><strong>Invalid:</strong> ${c.invalid}` : ""}</td></tr>`,
  );
  const body = d.configs.length
    ? html`<table class="configs"><thead><tr><th>Repository</th><th>Judged by</th><th>Files (as the app reads them)</th><th>Why</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p class="muted">Not recorded by the tool that wrote this bundle.</p>`;
  return html`<h2 id="config">Configuration the records were judged by</h2>
<p>SLA targets, calendars and escalation levels come from each repository's <code>.github/ims.yml</code>, resolved as the app resolves it (the repository's file, else the owner's <code>.github</code> repository's, then <code>_extends</code>).</p>
${body}`;
}
