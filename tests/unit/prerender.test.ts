// Which prerendered page a link may show before the app runs: exactly the state it asks for, or none.
import { describe, expect, it } from 'vitest';
import { prerenderedHash, prerenderHashes } from '../../src/lib/state/prerender';
import { parseHash } from '../../src/lib/state/url';

const VERSION = '61fee8274ece';

describe('the prerendered page of a link', () => {
  it.each([
    ['an empty hash', '', '#/'],
    ['the dashboard', '#/', '#/'],
    ['the dashboard in English', '#/?lang=en', '#/?v=2&lang=en'],
    ['an old (v1) English link', '#/?lang=en&v=1', '#/?v=2&lang=en'],
    ['a key it does not know, which the app ignores too', '#/?v=2&foo=1', '#/'],
    ['an embed', '#/embed/schools', '#/embed/schools'],
    [
      'an embed in English and a dark theme (an attribute of the page)',
      '#/embed/concentration?v=2&lang=en&theme=dark',
      '#/embed/concentration?v=2&lang=en',
    ],
    ['an embed frozen to the data it was rendered from', `#/embed/schools?v=2&dv=${VERSION}`, '#/embed/schools'],
  ])('is the one prerendered for %s', (_what, hash, page) => {
    expect(prerenderedHash(parseHash(hash), VERSION)).toBe(page);
  });

  it.each([
    ['a filter', '#/?v=2&area=%E5%A4%96%E6%B5%B7%E8%A1%97%E9%81%93'],
    ['another sort of the firm list', '#/?v=2&sort=name.asc'],
    ['another page of the firm list', '#/?v=2&page=2'],
    ['the comparison without data cubes', '#/?v=2&preagg=0'],
    ["another site's data", '#/?v=2&data=https%3A%2F%2Fstats.example.org%2Fmanifest.json'],
    ['an embed frozen to another data version', '#/embed/schools?v=2&dv=000000000000'],
    ['a static embed (no menu)', '#/embed/schools?v=2&static=1'],
    ['a filtered embed', '#/embed/firms-by-area?v=2&segment=a'],
    ['the data view', '#/data'],
    ['the SQL console', '#/sql?v=2&lang=en'],
    ['the sources page', '#/about'],
  ])('is none for %s: the app mounts afresh', (_what, hash) => {
    expect(prerenderedHash(parseHash(hash), VERSION)).toBeNull();
  });

  it('names every page the build renders by the hash a link to it reads as', () => {
    const index = prerenderHashes('index', ['a', 'b']);
    const embed = prerenderHashes('embed', ['a', 'b']);
    expect(index).toEqual(['#/', '#/?v=2&lang=en']);
    expect(embed).toEqual(['#/embed/a', '#/embed/a?v=2&lang=en', '#/embed/b', '#/embed/b?v=2&lang=en']);
    for (const hash of [...index, ...embed]) expect(prerenderedHash(parseHash(hash), null)).toBe(hash);
  });
});
