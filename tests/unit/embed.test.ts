import { describe, expect, it } from 'vitest';
import { EMBED_HEIGHT, embedSnippet } from '../../src/lib/charts/embed';
import { formatDate } from '../../src/lib/format/date';
import { parseHash, formatHash, DEFAULT_STATE } from '../../src/lib/state/url';

describe('embed snippet', () => {
  const s = embedSnippet('https://example.org/stats/embed.html#/embed/schools?v=2&lang=en&a="b"', 'Seats <and> classes');
  it('holds an iframe with the escaped address, title and chart id', () => {
    expect(s).toContain('<iframe src="https://example.org/stats/embed.html#/embed/schools?v=2&amp;lang=en&amp;a=&quot;b&quot;"');
    expect(s).toContain('title="Seats &lt;and> classes"');
    expect(s).toContain('data-jianghai-embed="schools"');
  });

  /** Runs the snippet's script against two iframes and returns what a message did to their heights. */
  function deliver(message: { data: unknown; origin: string; from: 'schools' | 'other' | 'stranger' }) {
    const frames = ['schools', 'other'].map((id) => ({ id, contentWindow: { id }, style: { height: '' }, getAttribute: () => id }));
    let listener: ((e: unknown) => void) | null = null;
    const script = /<script>([\s\S]*)<\/script>/.exec(s)![1];
    new Function('addEventListener', 'document', script)((_type: string, fn: (e: unknown) => void) => (listener = fn), {
      querySelectorAll: () => frames,
    });
    const source = message.from === 'stranger' ? {} : frames.find((f) => f.id === message.from)!.contentWindow;
    listener!({ data: message.data, origin: message.origin, source });
    return Object.fromEntries(frames.map((f) => [f.id, f.style.height]));
  }
  const ORIGIN = 'https://example.org';
  const height = (h: unknown, chartId = 'schools') => ({ type: 'jianghai-embed:height', chartId, height: h });

  it("resizes the iframe that sent its own chart's height", () => {
    expect(deliver({ data: height(612.4), origin: ORIGIN, from: 'schools' })).toEqual({ schools: '612px', other: '' });
  });
  it.each([
    ['another origin', { data: height(600), origin: 'https://evil.example', from: 'schools' as const }],
    ['a window that is none of the iframes', { data: height(600), origin: ORIGIN, from: 'stranger' as const }],
    ['an iframe naming another chart', { data: height(600, 'other'), origin: ORIGIN, from: 'schools' as const }],
    ['a height that is no number', { data: height('tall'), origin: ORIGIN, from: 'schools' as const }],
    ['a negative height', { data: height(-5), origin: ORIGIN, from: 'schools' as const }],
    ['another message type', { data: { type: 'resize', chartId: 'schools', height: 600 }, origin: ORIGIN, from: 'schools' as const }],
  ])('ignores %s', (_what, message) => {
    expect(deliver(message)).toEqual({ schools: '', other: '' });
  });
  it.each([
    [1e7, `${EMBED_HEIGHT.max}px`],
    [Infinity, `${EMBED_HEIGHT.max}px`],
    [3, `${EMBED_HEIGHT.min}px`],
  ])('clamps a posted height of %s to %s', (h, want) => {
    expect(deliver({ data: height(h), origin: ORIGIN, from: 'schools' }).schools).toBe(want);
  });
});

describe('dates and frozen data versions', () => {
  it.each([
    ['zh', '2026年11月6日'],
    ['en', '6 November 2026'],
  ] as const)('formats a date in %s', (lang, text) => {
    expect(formatDate(new Date(2026, 10, 6), lang)).toBe(text);
  });
  it('round-trips a data version and ignores a malformed one', () => {
    const s = { ...DEFAULT_STATE, view: 'embed' as const, chartId: 'schools', dv: '29e0b1d4cd93' };
    expect(parseHash(formatHash(s)).dv).toBe('29e0b1d4cd93');
    expect(parseHash('#/embed/schools?dv=../../etc').dv).toBe(null);
  });
});
