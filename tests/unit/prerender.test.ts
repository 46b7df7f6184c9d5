// Which prerendered page a link may show before the app runs: exactly the state it asks for, or none.
import { describe, expect, it } from 'vitest';
import { prerenderedHash, prerenderHashes } from '../../src/lib/state/prerender';
import { parseHash, URL_VERSION } from '../../src/lib/state/url';

const VERSION = '61fee8274ece';
/** Links read as the current version of the hash (an older link is migrated). */
const V = `v=${URL_VERSION}`;

describe('the prerendered page of a link', () => {
  it.each([
    ['an empty hash', '', '#/'],
    ['the dashboard', '#/', '#/'],
    ['the dashboard in English', '#/?lang=en', `#/?${V}&lang=en`],
    ['an old (v1) English link', '#/?lang=en&v=1', `#/?${V}&lang=en`],
    ['a key it does not know, which the app ignores too', '#/?v=2&foo=1', '#/'],
    ['an embed', '#/embed/schools', '#/embed/schools'],
    [
      'an embed in English following a system that is not dark',
      '#/embed/concentration?v=2&lang=en&theme=auto',
      `#/embed/concentration?${V}&lang=en`,
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
    ['a dark embed (its marks have the dark palette)', '#/embed/schools?v=2&theme=dark'],
    ["an embed with a reporter's headline", '#/embed/schools?v=3&title=Seats'],
    ['the data view', '#/data'],
    ['the SQL console', '#/sql?v=2&lang=en'],
    ['the sources page', '#/about'],
  ])('is none for %s: the app mounts afresh', (_what, hash) => {
    expect(prerenderedHash(parseHash(hash), VERSION)).toBeNull();
  });

  it('is none for an embed following a dark system, and the light one otherwise', () => {
    expect(prerenderedHash(parseHash('#/embed/schools?v=2&theme=auto'), VERSION, true)).toBeNull();
    expect(prerenderedHash(parseHash('#/embed/schools?v=2&theme=auto'), VERSION, false)).toBe('#/embed/schools');
    expect(prerenderedHash(parseHash('#/?v=2&theme=dark'), VERSION, true)).toBe('#/');
  });

  it('names every page the build renders by the hash a link to it reads as', () => {
    const index = prerenderHashes('index', ['a', 'b']);
    const embed = prerenderHashes('embed', ['a', 'b']);
    expect(index).toEqual(['#/', `#/?${V}&lang=en`]);
    expect(embed).toEqual(['#/embed/a', `#/embed/a?${V}&lang=en`, '#/embed/b', `#/embed/b?${V}&lang=en`]);
    for (const hash of [...index, ...embed]) expect(prerenderedHash(parseHash(hash), null)).toBe(hash);
  });
});
