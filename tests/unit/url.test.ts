import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, formatHash, migrate, parseHash, URL_VERSION, type AppState } from '../../src/lib/state/url';
import { NO_REPORTER, REPORTER_LIMITS, type ReporterText } from '../../src/lib/state/reporter';

const state = (over: Partial<AppState>): AppState => ({ ...DEFAULT_STATE, sels: {}, sort: { ...DEFAULT_STATE.sort }, ...over });

describe('parseHash and formatHash', () => {
  const roundTrips: [string, AppState][] = [
    ['the default view', state({})],
    ['English', state({ lang: 'en' })],
    ['the about page', state({ view: 'about' })],
    ['an embed', state({ view: 'embed', chartId: 'firms-by-segment', lang: 'en', static: true, theme: 'dark' })],
    ['the data view', state({ view: 'data', lang: 'en' })],
    ['the SQL console', state({ view: 'sql' })],
    [
      'every selection, sort and page',
      state({
        sels: {
          segment: { kind: 'points', values: ['汽车电子', 'LED照明器件'] },
          area: { kind: 'points', values: ['a,b', "O'Brien", '100%'] },
          breakdown: { kind: 'points', values: ['规上|无'] },
          output: { kind: 'interval', lo: 330, hi: 450 },
          founded: { kind: 'interval', lo: 2000, hi: 2011 },
        },
        sort: { column: 'founded', desc: false },
        page: 3,
      }),
    ],
    ['another dataset without pre-aggregation', state({ data: 'https://example.org/scale/1m/manifest.json', preagg: false })],
    ['a negative output bin', state({ sels: { output: { kind: 'interval', lo: -100, hi: 5 } } })],
  ];
  it.each(roundTrips)('round-trips %s', (_name, s) => {
    expect(parseHash(formatHash(s))).toEqual(s);
  });

  it('leaves defaults out of the link and stamps the version otherwise', () => {
    expect(formatHash(DEFAULT_STATE)).toBe('#/');
    expect(formatHash(state({ lang: 'en' }))).toBe(`#/?v=${URL_VERSION}&lang=en`);
  });

  it('does not mutate the state it formats', () => {
    const s = state({ sels: { segment: { kind: 'points', values: ['汽车电子'] } } });
    const copy = structuredClone(s);
    formatHash(s);
    expect(s).toEqual(copy);
  });

  it('opens a version 1 link (first dashboard) unchanged', () => {
    expect(parseHash('#/about?v=1&lang=en')).toMatchObject({ view: 'about', lang: 'en' });
    expect(parseHash('#/?lang=en')).toMatchObject({ lang: 'en' });
    expect(migrate(new Map([['v', '1']])).get('v')).toBe(String(URL_VERSION));
  });
});

describe('parseHash ignores or clamps hostile and malformed input', () => {
  const cases: [string, string, Partial<AppState>][] = [
    ['an empty hash', '', {}],
    ['a lone #', '#', {}],
    ['an unknown view', '#/nowhere', { view: 'explore' }],
    ['an unknown language', '#/?lang=fr', { lang: 'zh' }],
    ['a repeated key (first wins)', '#/?lang=en&lang=zh', { lang: 'en' }],
    ['SQL in the chart id', "#/embed/x');DROP TABLE firms;--", { view: 'embed', chartId: null }],
    ['HTML in the chart id', '#/embed/<img src=x onerror=alert(1)>', { chartId: null }],
    ['a 10,000-character chart id', '#/embed/' + 'a'.repeat(10_000), { chartId: null }],
    ['broken percent-encoding', '#/?%E0%A4%A=1&lang=en', { lang: 'en' }],
    ['a future version and unknown keys', '#/about?v=999&unknown=1&lang=en', { view: 'about', lang: 'en' }],
    ['5,000 junk keys (past the length limit, ignored)', '#/?' + 'x=1&'.repeat(5000) + 'lang=en', { lang: 'zh' }],
    ['text in a range', '#/?output=abc..def', { sels: {} }],
    ['an inverted range', '#/?founded=2010..2000', { sels: {} }],
    ['a range beyond the limits (clamped)', '#/?founded=0..99999', { sels: { founded: { kind: 'interval', lo: 1800, hi: 2100 } } }],
    ['a huge number', '#/?output=1..1e308', { sels: {} }],
    [
      'SQL in a category value (kept as text)',
      "#/?segment=x')%20OR%201%3D1--",
      { sels: { segment: { kind: 'points', values: ["x') OR 1=1--"] } } },
    ],
    ['an empty category list', '#/?segment=,,', { sels: {} }],
    ['a 500-character value', '#/?segment=' + 'b'.repeat(500), { sels: {} }],
    ['a page that is not a number', '#/?page=-3', { page: 0 }],
    ['a sort on an unknown column', '#/?sort=password.desc', { sort: DEFAULT_STATE.sort }],
    ['a javascript: data URL', '#/?data=javascript%3Aalert(1)', { data: null }],
    ['a file: data URL', '#/?data=file%3A%2F%2F%2Fetc%2Fpasswd', { data: null }],
    ['a relative data URL', '#/?data=scale%2F1m%2Fmanifest.json', { data: 'scale/1m/manifest.json' }],
  ];
  it.each(cases)('survives %s', (_name, hash, expected) => {
    const s = parseHash(hash);
    expect(s).toMatchObject(expected);
    expect(['zh', 'en']).toContain(s.lang);
  });

  it('keeps at most 64 values of one selection', () => {
    const s = parseHash('#/?segment=' + Array.from({ length: 500 }, (_, i) => `v${i}`).join(','));
    expect(s.sels.segment).toMatchObject({ kind: 'points' });
    expect((s.sels.segment as { values: string[] }).values).toHaveLength(64);
  });
});

describe("a reporter's words in the link (v3)", () => {
  const XSS = '<img src=x onerror=alert(1)>';
  const words = (over: Partial<ReporterText>): ReporterText => ({ ...NO_REPORTER, ...over });
  const embed = (reporter: Partial<ReporterText>) => state({ view: 'embed', chartId: 'firms-by-segment', reporter: words(reporter) });

  it.each([
    ['a Chinese headline', embed({ title: '江海区汽车电子企业最多' })],
    ['markup as a headline (kept as text)', embed({ title: XSS, subtitle: `"quoted" & 'single' ${XSS}` })],
    ['three notes with commas, ampersands and percent signs', embed({ notes: ['一，二', 'a & b = 100%', '#/embed/x?title=y'] })],
    ['highlighted categories with commas and bars', embed({ highlight: ['汽车电子', 'a,b', '规上|无'] })],
    [
      'every field with filters and embed flags',
      state({
        view: 'embed',
        chartId: 'schools',
        lang: 'en',
        static: true,
        theme: 'dark',
        dv: '0123456789ab',
        sels: { segment: { kind: 'points', values: ['汽车电子'] } },
        reporter: words({ title: 'Seats', subtitle: 'Two schools', notes: ['One.', 'Two.'], highlight: ['jx'] }),
      }),
    ],
  ])('round-trip %s', (_name, s) => {
    expect(parseHash(formatHash(s))).toEqual(s);
  });

  it('writes its keys after every other key, and none when the reporter wrote nothing', () => {
    expect(formatHash(embed({}))).toBe('#/embed/firms-by-segment');
    expect(formatHash(embed({ title: 'A b', notes: ['x', 'y'], highlight: ['汽车电子'] }))).toBe(
      `#/embed/firms-by-segment?v=3&title=A%20b&notes=x%0Ay&hl=${encodeURIComponent('汽车电子')}`,
    );
  });

  const v3 = (q: string) => parseHash(`#/embed/schools?v=3&${q}`).reporter;
  it.each([
    ['a headline at the limit', `title=${'长'.repeat(REPORTER_LIMITS.title)}`, { title: '长'.repeat(REPORTER_LIMITS.title) }],
    ['a headline one character over the limit (left out)', `title=${'长'.repeat(REPORTER_LIMITS.title + 1)}`, { title: null }],
    ['a subtitle over the limit (left out)', `subtitle=${'s'.repeat(REPORTER_LIMITS.subtitle + 1)}`, { subtitle: null }],
    ['a blank headline', 'title=%20%20%0A', { title: null }],
    ['newlines and tabs in a headline (one line)', 'title=a%0A%0Db%09c', { title: 'a b c' }],
    ['bidi overrides and zero-width characters', 'title=%E2%80%AEevil%E2%80%8B%00x', { title: 'evilx' }],
    ['broken percent-encoding', 'title=%E0%A4%A', { title: null }],
    ['five paragraphs of notes (the first three kept)', 'notes=1%0A2%0A%0A3%0A4%0A5', { notes: ['1', '2', '3'] }],
    ['notes over the limit (left out)', `notes=${'n'.repeat(REPORTER_LIMITS.notes + 1)}`, { notes: [] }],
    [
      'twenty highlights (the first eight kept)',
      `hl=${Array.from({ length: 20 }, (_, i) => `c${i}`).join(',')}`,
      { highlight: Array.from({ length: 8 }, (_, i) => `c${i}`) },
    ],
    ['empty, repeated and over-long highlights', `hl=,a,a,${'b'.repeat(201)},c`, { highlight: ['a', 'c'] }],
  ])('%s', (_name, q, expected) => {
    expect(v3(q)).toMatchObject(expected);
  });

  it('migrates v2 and v1 links unchanged: a title key there meant nothing, so they open without a new headline', () => {
    for (const hash of ['#/embed/schools?v=2&lang=en&title=Hi&hl=jx&notes=n&subtitle=s', '#/embed/schools?lang=en&title=Hi']) {
      const s = parseHash(hash);
      expect(s).toMatchObject({ view: 'embed', chartId: 'schools', lang: 'en' });
      expect(s.reporter).toEqual(NO_REPORTER);
    }
    const params = migrate(
      new Map([
        ['v', '2'],
        ['title', 'Hi'],
        ['lang', 'en'],
      ]),
    );
    expect([...params]).toEqual([
      ['v', '3'],
      ['lang', 'en'],
    ]);
    expect(parseHash('#/embed/schools?v=3&title=Hi').reporter.title).toBe('Hi');
  });

  it('does not mutate the shared empty reporter when parsing', () => {
    const before = structuredClone(NO_REPORTER);
    parseHash('#/embed/schools?v=3&title=A&notes=b&hl=c');
    expect(NO_REPORTER).toEqual(before);
  });
});
