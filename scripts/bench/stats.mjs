// Small statistics and a plain-text table for benchmark reports.

const sorted = (xs) => xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);

export function median(xs) {
  const s = sorted(xs);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile: with 7 samples p95 is the largest, which is what a reader should expect. */
export function percentile(xs, p) {
  const s = sorted(xs);
  if (s.length === 0) return null;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export const round = (x, digits = 1) => (x === null || x === undefined ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** { n, median, p95, min, max } of a sample, rounded to 0.1. */
export function summary(xs) {
  const s = sorted(xs);
  return { n: s.length, median: round(median(s)), p95: round(percentile(s, 95)), min: round(s[0] ?? null), max: round(s.at(-1) ?? null) };
}

export const kib = (bytes) => (bytes === null || bytes === undefined ? '' : (bytes / 1024).toFixed(1));

/** Aligned text table; numbers (and blank cells) are right-aligned. */
export function table(header, rows) {
  const cells = [header, ...rows].map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
  const width = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const numeric = header.map((_, i) => rows.every((r) => r[i] === null || r[i] === undefined || r[i] === '' || typeof r[i] === 'number' || /^[\d.,-]+( ?[a-zA-Z%]+)?$/.test(String(r[i]))));
  const line = (r) => r.map((c, i) => (numeric[i] && i > 0 ? c.padStart(width[i]) : c.padEnd(width[i]))).join('  ').trimEnd();
  return [line(cells[0]), width.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
