import { html, type Html } from "./html.js";

export const PRIORITY_COLOURS: Record<string, string> = {
  P1: "#b91c1c",
  P2: "#ea580c",
  P3: "#ca8a04",
  P4: "#2563eb",
  none: "#6b7280",
};

/** Horizontal bar of met vs breached for one clock, with counts as text. */
export function slaBar(label: string, met: number, breached: number, width = 160): Html {
  const total = met + breached;
  const w = total ? Math.round((met / total) * width) : 0;
  const pct = total ? `${Math.round((met / total) * 1000) / 10}% met` : "no data";
  return html`<svg class="bar" role="img" width="${width + 170}" height="22" viewBox="0 0 ${width + 170} 22" xmlns="http://www.w3.org/2000/svg"><title>${label}: ${met} met, ${breached} breached</title><rect x="0" y="3" width="${width}" height="16" fill="#e5e7eb"/>${
    total ? html`<rect x="0" y="3" width="${w}" height="16" fill="#15803d"/><rect x="${w}" y="3" width="${width - w}" height="16" fill="#b91c1c"/>` : ""
  }<text x="${width + 8}" y="16" font-size="12">${pct} (${met}/${total})</text></svg>`;
}

/** Stacked columns of counts per bucket and series (e.g. incidents per month by priority). */
export function stackedColumns(buckets: readonly string[], series: readonly string[], value: (bucket: string, s: string) => number, title: string): Html {
  const h = 160;
  const colW = Math.max(6, Math.min(28, Math.floor(640 / Math.max(1, buckets.length))));
  const width = buckets.length * colW + 40;
  const max = Math.max(1, ...buckets.map((b) => series.reduce((n, s) => n + value(b, s), 0)));
  const cols = buckets.map((b, i) => {
    let y = h;
    const rects = series.map((s) => {
      const v = value(b, s);
      const rh = (v / max) * (h - 10);
      y -= rh;
      return v ? html`<rect x="${40 + i * colW}" y="${y.toFixed(1)}" width="${colW - 2}" height="${rh.toFixed(1)}" fill="${PRIORITY_COLOURS[s] ?? "#6b7280"}"><title>${b} ${s}: ${v}</title></rect>` : "";
    });
    return html`${rects}`;
  });
  const first = buckets[0] ?? "";
  const last = buckets.at(-1) ?? "";
  return html`<svg class="chart" role="img" width="${width}" height="${h + 30}" viewBox="0 0 ${width} ${h + 30}" xmlns="http://www.w3.org/2000/svg"><title>${title}</title><line x1="38" y1="${h}" x2="${width}" y2="${h}" stroke="#9ca3af"/><text x="0" y="14" font-size="11">${max}</text><text x="0" y="${h}" font-size="11">0</text>${cols}<text x="40" y="${h + 16}" font-size="11">${first}</text><text x="${width}" y="${h + 16}" font-size="11" text-anchor="end">${last}</text></svg>`;
}
