import type { Engine } from '../engine';
import { quoteIdent, quoteLiteral } from '../sql';
import { fetchManifest, type Manifest } from './manifest';

/** URL of the bundled manifest, resolved against the page so the site works from any sub-path. */
export const bundledManifestUrl = (): string => new URL('data/manifest.json', document.baseURI).href;

/**
 * Loads a dataset folder described by a manifest: each table becomes a DuckDB view over its Parquet
 * file, read with HTTP range requests (nothing is downloaded whole up front).
 */
export async function registerDataset(engine: Engine, manifestUrl: string): Promise<Manifest> {
  const manifest = await fetchManifest(manifestUrl);
  await engine.exclusive(async (conn) => {
    for (const t of manifest.tables) {
      const url = new URL(t.file, manifestUrl).href;
      const fileName = `${t.name}.parquet`;
      await conn.registerURL(fileName, url);
      await conn.query(`CREATE OR REPLACE VIEW ${quoteIdent(t.name)} AS SELECT * FROM read_parquet(${quoteLiteral(fileName)})`);
    }
  });
  engine.invalidate();
  return manifest;
}
