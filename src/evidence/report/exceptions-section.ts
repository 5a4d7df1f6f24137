import { EXCEPTION_KINDS, EXCEPTION_TITLES, type ExceptionEntry } from "../exceptions.js";
import { html, type Html } from "./html.js";
import { recordAnchor, when } from "./when.js";

/** Rows of each exception kind shown in report.html; exceptions.json has them all. */
export const EXCEPTION_ROW_LIMIT = 500;

/** The exceptions section, first in report.html: each kind with its count and its records. */
export function exceptionsSection(list: readonly ExceptionEntry[]): Html {
  const total = list.length;
  const kinds = EXCEPTION_KINDS.map((kind) => {
    const rows = list.filter((e) => e.kind === kind).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const shown = rows.slice(0, EXCEPTION_ROW_LIMIT).map(
      (e) => html`<tr><td>${when(e.at)}</td><td>${e.record ? html`<a href="#${recordAnchor(e.record)}">${e.record.repo}${e.record.kind === "deployment" ? " deployment " : "#"}${e.record.number}</a>` : e.commit ? html`<a href="${/^https?:\/\//i.test(e.commit.url) ? e.commit.url : "#"}">${e.commit.repo}@${e.commit.sha.slice(0, 7)}</a>` : ""}</td><td>${e.summary}</td><td><a href="${e.file}">${e.record ? "JSON" : "raw"}</a></td></tr>`,
    );
    const more = rows.length > shown.length ? html`<p class="muted">Showing ${shown.length} of ${rows.length}; exceptions.json has them all.</p>` : "";
    const body = rows.length
      ? html`<table class="exceptions" data-kind="${kind}"><thead><tr><th>When</th><th>Record</th><th>What</th><th>JSON</th></tr></thead><tbody>${shown}</tbody></table>${more}`
      : html`<p class="muted">None in the period.</p>`;
    return html`<details id="exceptions-${kind}"${rows.length ? " open" : ""}><summary>${EXCEPTION_TITLES[kind]} (${rows.length})</summary>${body}</details>`;
  });
  return html`<h2 id="exceptions">Exceptions</h2>
<p>${total ? `${total} exception${total === 1 ? "" : "s"} in the period` : "No exceptions in the period"}; each links to its record below and to its JSON. The same list is in <a href="exceptions.json">exceptions.json</a>.</p>
${kinds}
<p class="muted">Direct pushes are read from the default branch's history in the period: a commit no merged pull request brought, that touched .github/ims.yml or the folder of a change path.</p>`;
}
