import { describe, expect, it } from 'vitest';
import { embedSnippet } from '../../src/lib/charts/embed';
import { formatDate } from '../../src/lib/format/date';
import { parseHash, formatHash, DEFAULT_STATE } from '../../src/lib/state/url';

describe('embed snippet', () => {
  const s = embedSnippet('https://example.org/stats/#/embed/schools?v=2&lang=en&a="b"', 'Seats <and> classes');
  it('holds an iframe with the escaped address and title', () => {
    expect(s).toContain('<iframe src="https://example.org/stats/#/embed/schools?v=2&amp;lang=en&amp;a=&quot;b&quot;"');
    expect(s).toContain('title="Seats &lt;and> classes"');
  });
  it('resizes only the iframe that sent the height message', () => {
    expect(s).toContain('jianghai-embed:height');
    expect(s).toContain('f.contentWindow===e.source');
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
