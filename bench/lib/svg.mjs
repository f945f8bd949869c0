/**
 * A small hand-written SVG chart writer: grouped vertical bars with axis, grid, value labels and legend. Linear or
 * logarithmic value axis. No dependencies; the output is plain text that diffs well.
 */

export const PALETTE = ['#2563eb', '#dc2626', '#6b7280', '#16a34a', '#9333ea', '#ea580c'];

/** @param {string} s */
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A compact label for a value. @param {number} v */
export function formatValue(v) {
  if (!Number.isFinite(v)) return 'n/a';
  const a = Math.abs(v);
  if (a >= 100_000) return `${Math.round(v / 1000)}k`;
  if (a >= 10_000) return `${(v / 1000).toFixed(1)}k`;
  if (a >= 100) return String(Math.round(v));
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(2);
}

/** A tick label: no needless decimals. @param {number} v */
function formatTick(v) {
  if (v >= 1000) return `${Number((v / 1000).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}

/** Nice linear ticks from 0 to at least max. @param {number} max */
function linearTicks(max) {
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks = [];
  for (let t = 0; t <= max + step * 0.999; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  return ticks;
}

/** Powers of ten covering [min, max]. @param {number} min @param {number} max */
function logTicks(min, max) {
  const ticks = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) ticks.push(10 ** e);
  return ticks;
}

/**
 * A grouped bar chart.
 * @param {{
 *   title: string, subtitle?: string, unit: string,
 *   categories: string[],
 *   series: { name: string, values: (number | null | undefined)[], color?: string }[],
 *   log?: boolean, width?: number, height?: number,
 * }} chart
 */
export function barChart(chart) {
  const width = chart.width ?? 760;
  const height = chart.height ?? 380;
  const margin = { top: chart.subtitle ? 64 : 48, right: 20, bottom: 74, left: 70 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const values = chart.series.flatMap((s) => s.values).filter((v) => typeof v === 'number' && v > 0);
  const max = Math.max(...values, 1e-9);
  const min = Math.min(...values, max);
  const ticks = chart.log ? logTicks(min, max) : linearTicks(max);
  const top = ticks[ticks.length - 1] ?? max;
  const bottom = chart.log ? (ticks[0] ?? 1) : 0;
  /** @param {number} v */
  const y = (v) => {
    const f = chart.log
      ? (Math.log10(Math.max(v, bottom)) - Math.log10(bottom)) / (Math.log10(top) - Math.log10(bottom) || 1)
      : v / (top || 1);
    return margin.top + plotH * (1 - f);
  };
  const groupW = plotW / Math.max(chart.categories.length, 1);
  const barW = Math.min(56, (groupW * 0.8) / Math.max(chart.series.length, 1));
  const out = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12" role="img">`,
    `<title>${esc(chart.subtitle ? `${chart.title}: ${chart.subtitle}` : chart.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="24" font-size="16" font-weight="600" fill="#111827">${esc(chart.title)}</text>`,
  );
  if (chart.subtitle) out.push(`<text x="${margin.left}" y="44" fill="#4b5563">${esc(chart.subtitle)}</text>`);
  for (const t of ticks) {
    const ty = y(t).toFixed(1);
    out.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${ty}" y2="${ty}" stroke="#e5e7eb"/>`,
      `<text x="${margin.left - 8}" y="${ty}" text-anchor="end" dominant-baseline="middle" fill="#6b7280">${esc(formatTick(t))}</text>`,
    );
  }
  out.push(
    `<text transform="translate(16 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="#374151">${esc(chart.unit)}${chart.log ? ' (log scale)' : ''}</text>`,
    `<line x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="#9ca3af"/>`,
  );
  chart.categories.forEach((category, ci) => {
    const gx = margin.left + groupW * ci + (groupW - barW * chart.series.length) / 2;
    chart.series.forEach((s, si) => {
      const v = s.values[ci];
      const x = gx + barW * si;
      const color = s.color ?? PALETTE[si % PALETTE.length];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        out.push(
          `<text x="${(x + barW / 2).toFixed(1)}" y="${margin.top + plotH - 6}" text-anchor="middle" fill="#9ca3af" font-size="10">n/a</text>`,
        );
        return;
      }
      const by = y(v);
      const h = margin.top + plotH - by;
      out.push(
        `<rect x="${(x + 1).toFixed(1)}" y="${by.toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${Math.max(h, 0.5).toFixed(1)}" fill="${color}"><title>${esc(`${s.name}, ${category}: ${formatValue(v)} ${chart.unit}`)}</title></rect>`,
        `<text x="${(x + barW / 2).toFixed(1)}" y="${(by - 4).toFixed(1)}" text-anchor="middle" fill="#111827" font-size="10">${esc(formatValue(v))}</text>`,
      );
    });
    out.push(
      `<text x="${(margin.left + groupW * ci + groupW / 2).toFixed(1)}" y="${margin.top + plotH + 18}" text-anchor="middle" fill="#374151">${esc(category)}</text>`,
    );
  });
  let lx = margin.left;
  const ly = height - 22;
  chart.series.forEach((s, si) => {
    const color = s.color ?? PALETTE[si % PALETTE.length];
    out.push(
      `<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${color}"/>`,
      `<text x="${lx + 18}" y="${ly}" fill="#374151">${esc(s.name)}</text>`,
    );
    lx += 30 + s.name.length * 7;
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
