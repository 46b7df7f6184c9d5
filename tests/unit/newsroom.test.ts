// Newsroom (issue 11): a reporter's words on the frame and in exports (the required words stay), QR
// codes that decode to the chart's link, and the long image's stacking.
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { composeSvg, qrCell, type ExportText } from '../../src/lib/charts/export';
import { composeLongImage, LONG_CHART_WIDTH, LONG_IMAGE } from '../../src/lib/charts/long-image';
import { qrCode, qrPath, type QrMatrix } from '../../src/lib/charts/qr';
import { activeHighlight, highlightable, withReporter } from '../../src/lib/charts/reporter';
import { chartLink, pageLink, QR_LINK_BUDGET } from '../../src/lib/charts/share-link';
import type { FrameText } from '../../src/lib/charts/words';
import { parseDelimited } from '../../src/lib/data/import/csv';
import { readPreamble } from '../../src/lib/data/import/preamble';
import { csvPreamble, viewProvenance, type Origin } from '../../src/lib/data/provenance';
import { NO_REPORTER, type ReporterText } from '../../src/lib/state/reporter';
import { DEFAULT_STATE, parseHash, type AppState } from '../../src/lib/state/url';

const XSS = '<img src=x onerror=alert(1)>';
const MODELLED: Origin = {
  kind: 'modelled',
  source: { publisher: { zh: '江门日报', en: 'Jiangmen Daily' }, title: { zh: '报道', en: 'Report' }, date: '2023-07-07', url: null },
  facts: ['ei_firms'],
  rows: { zh: '企业明细', en: 'firm rows' },
};
const FRAME: FrameText = {
  title: 'Firms by segment',
  subtitle: '1,681 firms',
  notes: ['The split by firm is modelled.'],
  source: 'Jiangmen Daily, 7 July 2023; modelled firm rows',
  marks: [{ kind: 'modelled', label: 'Modelled data', explain: 'Built on modelled rows; not real data.' }],
};
const EVERYTHING: ReporterText = {
  title: `Car electronics lead ${XSS}`,
  subtitle: 'Subtitle & more',
  notes: ['First note.', `Second ${XSS}`],
  highlight: ['汽车电子'],
};

/** Reads a QR matrix the way a phone would: drawn at 4 px a module with a white quiet zone, then decoded. */
function decode(matrix: QrMatrix): string | null {
  const px = 4;
  const quiet = 4;
  const side = (matrix.length + 2 * quiet) * px;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  matrix.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (!dark) return;
      for (let y = 0; y < px; y++)
        for (let x = 0; x < px; x++) {
          const i = (((r + quiet) * px + y) * side + (c + quiet) * px + x) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
    }),
  );
  return jsQR(data, side, side)?.data ?? null;
}

/** The words of an SVG, line after line, as a reader sees them. */
const textOf = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');

const embedState = (over: Partial<AppState> = {}): AppState => ({
  ...DEFAULT_STATE,
  sels: {},
  view: 'embed',
  chartId: 'firms-by-segment',
  ...over,
});

describe("a reporter's words on the frame", () => {
  it('replace the headline and subtitle, come before the dashboard notes, and leave source and marks alone', () => {
    const before = structuredClone(FRAME);
    const got = withReporter(FRAME, EVERYTHING);
    expect(got.title).toBe(EVERYTHING.title);
    expect(got.subtitle).toBe('Subtitle & more');
    expect(got.notes).toEqual(['First note.', `Second ${XSS}`, 'The split by firm is modelled.']);
    expect(got.source).toBe(FRAME.source);
    expect(got.marks).toEqual(FRAME.marks);
    expect(FRAME).toEqual(before);
  });

  it("keep the dashboard's words when the reporter wrote none", () => {
    expect(withReporter(FRAME, NO_REPORTER)).toEqual(FRAME);
  });

  const bars = {
    kind: 'bars' as const,
    input: { rows: [{ key: 'a', label: 'A', values: [1] }], series: [], lang: 'en' as const, format: String },
  };
  it('offer the rows of a bar chart (once across panels) for highlighting, and nothing for other charts', () => {
    expect(highlightable(bars)).toEqual([{ key: 'a', label: 'A' }]);
    const panels = {
      kind: 'panels' as const,
      panels: [
        { title: 'x', input: { ...bars.input, rows: [...bars.input.rows, { key: 'b', label: 'B', values: [2] }] } },
        { title: 'y', input: bars.input },
      ],
    };
    expect(highlightable(panels)).toEqual([
      { key: 'a', label: 'A' },
      { key: 'b', label: 'B' },
    ]);
    expect(highlightable(null)).toEqual([]);
  });

  it('highlight only categories the chart has, and nothing when none of them is there (no chart goes all grey)', () => {
    const rows = [{ key: '汽车电子' }, { key: 'LED' }];
    expect(activeHighlight(['汽车电子', 'gone'], rows)).toEqual(new Set(['汽车电子']));
    expect(activeHighlight(['gone'], rows)).toBeNull();
    expect(activeHighlight([], rows)).toBeNull();
  });
});

describe('the composed SVG with every reporter field set', () => {
  const words = withReporter(FRAME, EVERYTHING);
  const text: ExportText = {
    title: words.title,
    subtitle: words.subtitle,
    notes: words.notes,
    source: `Source: ${words.source}`,
    marks: words.marks.map((m) => `${m.label}: ${m.explain}`),
    filters: 'Filters: Segment: Automotive electronics',
    date: 'Exported: 6 December 2026',
  };
  const chart = { markup: '<rect class="mark" width="100" height="20"/>', width: 400, height: 120 };

  it('has the reporter headline, subtitle and notes as escaped text, and the source, mark, filters and date still', () => {
    const { svg } = composeSvg(chart, text);
    expect(svg).toContain('Car electronics lead &lt;img src=x onerror=alert(1)&gt;');
    expect(svg).toContain('Subtitle &amp; more');
    expect(svg).toContain('First note.');
    expect(svg).toContain('The split by firm is modelled.');
    expect(svg).toContain('Source: Jiangmen Daily, 7 July 2023; modelled firm rows');
    expect(svg).toContain('Modelled data: Built on modelled rows; not real data.');
    expect(svg).toContain('Filters: Segment: Automotive electronics');
    expect(svg).toContain('Exported: 6 December 2026');
    expect(svg).not.toContain('<img');
    expect(svg).toMatch(/<title>Car electronics lead &lt;img/);
  });

  it('puts a QR code at the foot beside the source, and keeps every word with it', async () => {
    const matrix = await qrCode('https://example.org/stats/embed.html#/embed/firms-by-segment?v=3&lang=en');
    const plain = composeSvg(chart, text);
    const withQr = composeSvg(chart, { ...text, qr: { matrix, caption: 'Scan to open the live chart' } });
    expect(plain.svg).not.toContain('class="qr"');
    expect(withQr.svg).toContain('class="qr"');
    expect(textOf(withQr.svg)).toContain('Scan to open the live chart');
    for (const w of ['Source: Jiangmen Daily', 'Modelled data:', 'Exported: 6 December 2026', 'Car electronics lead &lt;img'])
      expect(withQr.svg).toContain(w);
    expect(withQr.width).toBe(plain.width);
    expect(withQr.height).toBeGreaterThanOrEqual(plain.height);
    // The code sits below the chart, on the right of the foot.
    const [, qx, qy] = /<g class="qr"><rect x="([\d.]+)" y="([\d.]+)"/.exec(withQr.svg)!.map(Number);
    expect(qx).toBeGreaterThan(withQr.width / 2);
    expect(qy).toBeGreaterThan(chart.height);
    // The modules drawn are the code's, inside a quiet zone of two modules.
    const cell = qrCell(matrix);
    expect(withQr.svg).toContain(`d="${qrPath(matrix, qx + 2 * cell, qy + 2 * cell, cell)}"`);
  });
});

describe('QR codes', () => {
  it.each([
    ['a short link', 'https://example.org/embed.html#/embed/schools'],
    [
      'a link with a Chinese headline',
      chartLink('https://example.org/stats/', embedState({ reporter: { ...NO_REPORTER, title: '江海区汽车电子企业最多' } })),
    ],
  ])('decode back to %s', async (_name, link) => {
    expect(decode(await qrCode(link))).toBe(link);
  });

  it('percent-encode characters outside ASCII, so the link reads the same to any scanner', async () => {
    expect(decode(await qrCode('https://example.org/#/?title=江海'))).toBe(`https://example.org/#/?title=${encodeURIComponent('江海')}`);
  });

  it('are drawn as one path of horizontal runs', () => {
    expect(
      qrPath(
        [
          [true, true, false],
          [false, true, true],
        ],
        10,
        20,
        2,
      ),
    ).toBe('M10 20h4v2h-4zM12 22h4v2h-4z');
  });
});

describe('the links an image carries', () => {
  const PAGE = 'https://news.example.org/stats/jianghai/index.html#/?lang=en';
  const sels = { segment: { kind: 'points' as const, values: ['汽车电子'] } };

  it('open the chart on its own page, interactive and light, with its filters, language and the reporter text', () => {
    const link = chartLink(
      PAGE,
      embedState({ lang: 'en', sels, static: true, theme: 'dark', reporter: { ...NO_REPORTER, title: 'Cars', highlight: ['汽车电子'] } }),
    );
    expect(link.startsWith('https://news.example.org/stats/jianghai/embed.html#/embed/firms-by-segment?v=3&lang=en&segment=')).toBe(true);
    const back = parseHash(new URL(link).hash);
    expect(back).toMatchObject({ view: 'embed', chartId: 'firms-by-segment', lang: 'en', sels, static: false, theme: 'light' });
    expect(back.reporter).toEqual({ ...NO_REPORTER, title: 'Cars', highlight: ['汽车电子'] });
  });

  it('leave out the notes, then the subtitle, then the headline when the link would make a dense code', () => {
    const long = (n: number) => '字'.repeat(n);
    const reporter: ReporterText = { title: long(15), subtitle: long(10), notes: [long(60)], highlight: ['汽车电子'] };
    const link = chartLink(PAGE, embedState({ reporter }));
    expect(link.length).toBeLessThanOrEqual(QR_LINK_BUDGET);
    const back = parseHash(new URL(link).hash).reporter;
    expect(back).toEqual({ title: long(15), subtitle: long(10), notes: [], highlight: ['汽车电子'] });
    const huge = parseHash(new URL(chartLink(PAGE, embedState({ reporter: { ...reporter, title: long(80) } }))).hash).reporter;
    expect(huge).toEqual({ title: null, subtitle: null, notes: [], highlight: ['汽车电子'] });
  });

  it('open the dashboard with the filters and language, without any reporter words', () => {
    const link = pageLink(PAGE, embedState({ lang: 'en', sels, reporter: { ...NO_REPORTER, title: 'x' } }));
    expect(link).toBe(`https://news.example.org/stats/jianghai/#/?v=3&lang=en&segment=${encodeURIComponent('汽车电子')}`);
  });
});

describe('the CSV of a chart with reporter words', () => {
  it("starts with the reporter's title, subtitle and notes, then the source and mark, and still re-imports its origins", () => {
    const lines = csvPreamble(viewProvenance([MODELLED]), 'en', {
      title: EVERYTHING.title!,
      subtitle: 'Sub',
      notes: ['n1', 'n2', 'n3'],
      filters: 'Filters: x',
      date: 'Exported: today',
    });
    expect(lines.slice(0, 5)).toEqual([EVERYTHING.title, 'Sub', 'n1', 'n2', 'n3']);
    expect(lines[5]).toBe('Source: Jiangmen Daily, 7 July 2023; modelled firm rows');
    expect(lines[6]).toMatch(/^Modelled data: /);
    const csv = [...lines.map((l) => `"${l.replaceAll('"', '""')}"`), '', 'Segment,Firms', 'Cars,196'].join('\r\n');
    const grid = parseDelimited(csv, ',').rows;
    const pre = readPreamble(grid);
    expect(pre.origins).toEqual([MODELLED]);
    expect(grid[pre.rows]).toEqual(['Segment', 'Firms']);
  });
});

describe('the long image', () => {
  const chart = (id: string, title: string) => ({
    chartId: id,
    text: { title, source: `Source: S ${id}`, marks: [`Modelled data: M ${id}`], date: '', notes: [`Note ${id}`] },
    chart: { markup: `<rect class="mark" width="${LONG_CHART_WIDTH}" height="50"/>`, width: LONG_CHART_WIDTH, height: 200 },
  });
  const input = {
    title: 'Jianghai electronic-information cluster',
    lines: ['Filters: Segment: Automotive electronics', 'Exported: 6 December 2026'],
    charts: [chart('a', 'First chart'), chart('b', `Second ${XSS}`), chart('c', 'Third chart')],
  };

  it('stacks the charts top to bottom at phone width, each with its title, source and mark', () => {
    const img = composeLongImage(input);
    expect(img.width).toBe(LONG_IMAGE.width);
    expect(img.blocks.map((b) => b.chartId)).toEqual(['a', 'b', 'c']);
    for (let i = 1; i < img.blocks.length; i++) expect(img.blocks[i].top).toBeGreaterThanOrEqual(img.blocks[i - 1].bottom);
    for (const b of img.blocks) expect(b.bottom - b.top).toBeGreaterThan(200);
    expect(img.height).toBeGreaterThan(img.blocks[2].bottom);
    let at = 0;
    for (const w of [
      'Filters: Segment',
      'First chart',
      'Source: S a',
      'Modelled data: M a',
      'Second &lt;img',
      'Source: S b',
      'Third chart',
      'Modelled data: M c',
    ]) {
      const i = img.svg.indexOf(w, at);
      expect(i, `"${w}" in order`).toBeGreaterThan(at);
      at = i;
    }
    expect(img.svg).not.toContain('<img');
  });

  it('ends with one QR code to the page, and the page address under it', async () => {
    const link = 'https://example.org/stats/#/?v=3&lang=en';
    const img = composeLongImage({
      ...input,
      qr: { matrix: await qrCode(link), caption: 'Scan to open the live page' },
      address: 'https://example.org/stats/',
    });
    expect(img.svg.match(/class="qr"/g)).toHaveLength(1);
    expect(img.svg.indexOf('class="qr"')).toBeGreaterThan(img.svg.indexOf('Modelled data: M c'));
    expect(img.svg).toContain('https://example.org/stats/');
    expect(img.height).toBeGreaterThan(composeLongImage(input).height + 100);
  });

  it('scales a chart drawn wider than the phone down rather than clipping it', () => {
    const wide = { ...chart('w', 'Wide'), chart: { markup: '<rect/>', width: LONG_CHART_WIDTH * 2, height: 400 } };
    const img = composeLongImage({ ...input, charts: [wide] });
    expect(img.svg).toContain('scale(0.5000)');
    expect(img.blocks[0].bottom - img.blocks[0].top).toBeLessThan(400);
  });
});
