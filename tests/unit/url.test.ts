import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, formatHash, migrate, parseHash, URL_VERSION, type AppState } from '../../src/lib/state/url';

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
