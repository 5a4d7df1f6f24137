/** The report's only styles: inline, so the page makes no request (CSP allows inline styles only). */
export const REPORT_CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;border-bottom:1px solid #d1d5db;padding-bottom:4px;margin-top:32px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #e5e7eb;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f3f4f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
.banner{background:#fef2f2;border:2px solid #b91c1c;color:#7f1d1d;padding:10px 14px;font-weight:600;margin:12px 0}
.signed{background:#f0fdf4;border:1px solid #15803d;padding:8px 12px;margin:12px 0}
.muted{color:#6b7280}.gap{color:#b91c1c;font-weight:600}.legend span{display:inline-block;margin-right:12px}
.swatch{display:inline-block;width:10px;height:10px;margin-right:4px}code{font-size:12px;word-break:break-all}svg.bar{max-width:100%;height:auto}
tr.flagged td{background:#fff7ed}
.scroll{overflow-x:auto;max-width:100%}.scroll table{margin:0}.outside{color:#4b5563;font-style:italic}
details{margin:6px 0}summary{cursor:pointer;font-weight:600}nav.toc{margin:8px 0}
tr:target td{background:#fef9c3}td{overflow-wrap:break-word}
pre{background:#f3f4f6;padding:8px;overflow-x:auto;font-size:12px;white-space:pre-wrap}
@media print{body{max-width:none;padding:0;font-size:11px}h2{break-after:avoid}table,svg{break-inside:avoid}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
@page{size:A4;margin:14mm}
`;
