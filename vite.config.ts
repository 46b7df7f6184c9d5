import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
// @ts-expect-error plain JS module shared with tests and benchmarks
import { staticHandler } from './scripts/serve.mjs';
import { firstPaintPlugin } from './scripts/first-paint';
import { contentSecurityPolicy } from './src/lib/data/origins';

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
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(raw, {
            params: { [constants.BROTLI_PARAM_QUALITY]: raw.length > 4e6 ? 9 : 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
          }),
        );
      }
    },
  };
}

/**
 * The data= origins the deployment accepts, written into index.html and embed.html (see the README,
 * "Deploying"), and the Content-Security-Policy that follows from them: this site only unless the
 * operator lists others (or `*`). The dev server runs without the policy: Vite's client needs a
 * WebSocket and inline updates.
 */
function dataOrigins(): Plugin {
  const value = (process.env.JIANGHAI_DATA_ORIGINS ?? 'self').trim() || 'self';
  if (/[<>"&]/.test(value)) throw new Error(`JIANGHAI_DATA_ORIGINS must be "*" or a space-separated list of origins, not ${value}`);
  const csp = contentSecurityPolicy(value);
  return {
    name: 'jianghai-data-origins',
    transformIndexHtml: (html, ctx) =>
      html
        .replace('%JIANGHAI_DATA_ORIGINS%', value)
        .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?\s*/, (tag) => (ctx.server ? '' : tag.replace('%JIANGHAI_CSP%', csp))),
  };
}

/**
 * Installable and offline (src/sw.ts): Workbox precaches the app shell, every view's chunk, the
 * engine and the bundled data with a revision per file. Only the engine bundle for browsers with wasm
 * exceptions (every current one) is precached; the other (17 MiB more) still loads from the network.
 */
function offline(): Plugin[] {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src',
    filename: 'sw.ts',
    registerType: 'prompt',
    // main.ts registers it, after the first load (lib/offline).
    injectRegister: false,
    includeManifestIcons: false,
    injectManifest: {
      globPatterns: ['**/*.{html,js,css,wasm,json,parquet,png,svg,webmanifest}'],
      globIgnores: ['**/*.br', '**/*.gz', 'assets/duckdb-mvp-*', 'assets/duckdb-browser-mvp.worker-*'],
      maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
    },
    manifest: {
      name: '江海区新一代电子信息产业集群 · Jianghai electronic-information cluster',
      short_name: '江海电子信息',
      description: '江海区新一代电子信息产业集群统计仪表盘 · Jianghai electronic-information cluster dashboard',
      lang: 'zh-CN',
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#0b5cad',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
  });
}

export default defineConfig({
  // Relative base: dist/ works from any sub-path of any static host.
  base: './',
  plugins: [svelte(), bundledData(), precompress(), dataOrigins(), firstPaintPlugin(DATA_DIR), offline()],
  resolve: { alias: { $data: DATA_DIR } },
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
});
