/**
 * Reads a time as people write it in a form or a command: `2026-03-01T09:30:00Z`,
 * `2026-03-01 09:30 UTC`, `2026-03-01 09:30 +02:00`; without a zone it is UTC (the card says so).
 * Returns null for anything else.
 */
export function parseInstant(text: string | null | undefined): Date | null {
  if (!text) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i.exec(text.trim().replace(/`/g, ""));
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "00", zone = "Z"] = m;
  const z = zone.toUpperCase() === "UTC" || zone.toUpperCase() === "GMT" ? "Z" : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${z}`);
  if (Number.isNaN(date.getTime())) return null;
  // Reject 2026-02-31 and 25:00, which Date would roll over.
  if (z === "Z" && (date.getUTCDate() !== Number(d) || date.getUTCHours() !== Number(h))) return null;
  return date;
}

/** How the card and the report write a time: `2026-03-01 09:30 UTC`. */
export function formatInstant(at: Date | number | string): string {
  const d = new Date(at);
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
