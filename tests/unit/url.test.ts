import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, formatHash, parseHash, type AppState } from '../../src/lib/state/url';

describe('parseHash and formatHash', () => {
  const roundTrips: AppState[] = [
    DEFAULT_STATE,
    { view: 'explore', chartId: null, lang: 'en' },
    { view: 'about', chartId: null, lang: 'zh' },
    { view: 'embed', chartId: 'firms-by-segment', lang: 'en' },
    { view: 'data', chartId: null, lang: 'en' },
    { view: 'sql', chartId: null, lang: 'zh' },
  ];
  it.each(roundTrips)('round-trips %o', (state) => {
    expect(parseHash(formatHash(state))).toEqual(state);
  });

  it('leaves defaults out of the link', () => {
    expect(formatHash(DEFAULT_STATE)).toBe('#/');
    expect(formatHash({ ...DEFAULT_STATE, lang: 'en' })).toBe('#/?v=1&lang=en');
  });

  const hostile: [string, Partial<AppState>][] = [
    ['', {}],
    ['#', {}],
    ['#/nowhere', { view: 'explore' }],
    ['#/?lang=fr', { lang: 'zh' }],
    ['#/?lang=en&lang=zh', { lang: 'en' }],
    ["#/embed/x');DROP TABLE firms;--", { view: 'embed', chartId: null }],
    ['#/embed/<img src=x onerror=alert(1)>', { view: 'embed', chartId: null }],
    ['#/embed/' + 'a'.repeat(10_000), { view: 'embed', chartId: null }],
    ['#/?%E0%A4%A=1&lang=en', { lang: 'en' }],
    ['#/about?v=999&unknown=1&lang=en', { view: 'about', lang: 'en' }],
    ['#/?' + 'x=1&'.repeat(5000) + 'lang=en', {}],
  ];
  it.each(hostile)('never throws on %j and falls back to defaults', (hash, expected) => {
    const state = parseHash(hash);
    expect(state).toMatchObject(expected);
    expect(['zh', 'en']).toContain(state.lang);
  });
});
