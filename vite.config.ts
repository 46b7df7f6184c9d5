import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
// @ts-expect-error plain JS module shared with tests and benchmarks
import { staticHandler } from './scripts/serve.mjs';
import { firstPaintPlugin } from './scripts/first-paint';

const DATA_DIR = resolve('data');
const DATA_FILES = /\.(parquet|json)$/;

/**
 * Serves data/ at ./data/ in dev (with Range, as DuckDB needs) and copies it into dist/data/, and
 * again into dist/data/v/<dataVersion>/ so frozen embeds keep reading today's data after an update
 * (as long as the host keeps old data/v/ folders when deploying).
 */
function bundledData(): Plugin {
  return {
    name: 'jianghai-data',
    configureServer(server) {
      const handler = staticHandler(DATA_DIR, { precompressed: false });
      server.middlewares.use('/data', (req, res, next) => {
        // Vite's own module requests for data/*.json (`?import`) belong to Vite; DuckDB's reads have
        // no query, and a missing file gets a real 404, not the index page read as Parquet.
        if (req.url?.includes('?')) return next();
        handler(req, res);
      });
    },
    generateBundle() {
      const { dataVersion } = JSON.parse(readFileSync(join(DATA_DIR, 'manifest.json'), 'utf8')) as { dataVersion: string };
      for (const name of readdirSync(DATA_DIR)) {
        if (!DATA_FILES.test(name)) continue;
        const source = readFileSync(join(DATA_DIR, name));
        this.emitFile({ type: 'asset', fileName: `data/${name}`, source });
        this.emitFile({ type: 'asset', fileName: `data/v/${dataVersion}/${name}`, source });
      }
    },
  };
}

/**
 * Writes .br and .gz next to each text and wasm asset, for hosts that serve precompressed files
 * (the wasm module is 17 MiB raw, 2.6 MiB brotli).
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'jianghai-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = resolve(c.root, c.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
      for (const file of walk(outDir)) {
        if (!/\.(html|js|css|json|svg|wasm|txt)$/.test(file)) continue;
        const raw = readFileSync(file);
        if (raw.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(raw, {
          params: { [constants.BROTLI_PARAM_QUALITY]: raw.length > 4e6 ? 9 : 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
        }));
      }
    },
  };
}

/** The data= origins the deployment accepts, written into index.html (see the README, "Deploying"). */
function dataOrigins(): Plugin {
  const value = (process.env.JIANGHAI_DATA_ORIGINS ?? '*').trim() || '*';
  if (/[<>"&]/.test(value)) throw new Error(`JIANGHAI_DATA_ORIGINS must be "*" or a space-separated list of origins, not ${value}`);
  return { name: 'jianghai-data-origins', transformIndexHtml: (html) => html.replace('%JIANGHAI_DATA_ORIGINS%', value) };
}

export default defineConfig({
  // Relative base: dist/ works from any sub-path of any static host.
  base: './',
  plugins: [svelte(), bundledData(), precompress(), dataOrigins(), firstPaintPlugin(DATA_DIR)],
  resolve: { alias: { $data: DATA_DIR } },
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
});
