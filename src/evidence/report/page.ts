import { Html, html } from "./html.js";
import { REPORT_CSS } from "./style.js";

/** Content-Security-Policy of the bundle's HTML pages: no requests at all, inline styles and data: images only. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Every table in its own scrolling box, so a wide table never makes the page scroll sideways (escaped text never holds `<table`). */
function boxTables(body: Html): Html {
  return new Html(body.value.replace(/<table\b/g, '<div class="scroll"><table').replace(/<\/table>/g, "</table></div>"));
}

/** One self-contained page of the bundle (report.html, the service report): no requests, no referrer, the report's style. */
export function reportPage(title: string, body: Html): string {
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${new Html(REPORT_CSS)}</style></head>
<body>
${boxTables(body)}
</body></html>
`.value;
}
