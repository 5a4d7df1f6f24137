/** A time as a reader reads it, with its time zone: `2026-03-02 09:30 UTC`; empty for none. */
export function when(at: string | null | undefined): string {
  if (!at) return "";
  const t = new Date(at);
  if (Number.isNaN(t.getTime())) return at;
  return `${t.toISOString().slice(0, 10)} ${t.toISOString().slice(11, 16)} UTC`;
}

/** The anchor of a record's row in report.html: `record-incident-acme/web-12`. */
export function recordAnchor(r: { kind: string; repo: string; number: number }): string {
  return `record-${r.kind}-${r.repo}-${r.number}`;
}

/** The anchor of a control's evidence list in report.html: `control-iso27001-2022-8.32`. */
export function controlAnchor(c: { catalogue: string; id: string }): string {
  return `control-${c.catalogue}-${c.id}`;
}
