import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fetchPrefetched, prefetchManifest } from '../../src/lib/data/prefetch';

describe("a data= manifest on this site is asked for before the app's modules run, and taken once", () => {
  const asked: string[] = [];
  beforeEach(() => {
    asked.length = 0;
    vi.stubGlobal('window', {});
    vi.stubGlobal('fetch', (url: string) => {
      asked.push(String(url));
      return Promise.resolve(new Response('{}'));
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  test('the same URL is answered from the prefetch once, then from the network', async () => {
    prefetchManifest('scale/1m/manifest.json', 'https://site.example/app/', 'https://site.example');
    expect(asked).toEqual(['https://site.example/app/scale/1m/manifest.json']);
    await fetchPrefetched('https://site.example/app/scale/1m/manifest.json');
    expect(asked).toHaveLength(1);
    await fetchPrefetched('https://site.example/app/scale/1m/manifest.json');
    expect(asked).toHaveLength(2);
  });

  test("another site's manifest, a broken link or no data= fetches nothing", () => {
    prefetchManifest('https://other.example/m.json', 'https://site.example/', 'https://site.example');
    prefetchManifest('//other.example/m.json', 'https://site.example/', 'https://site.example');
    prefetchManifest('http://[bad', 'https://site.example/', 'https://site.example');
    prefetchManifest(null, 'https://site.example/', 'https://site.example');
    expect(asked).toEqual([]);
  });

  test('a prefetch that failed reaches the app as a failed fetch, which it reports', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    prefetchManifest('m.json', 'https://site.example/', 'https://site.example');
    await expect(fetchPrefetched('https://site.example/m.json')).rejects.toThrow('Failed to fetch');
  });
});
