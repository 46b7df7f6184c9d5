// Static file server that behaves like a real host, for tests, benchmarks and `npm run preview`:
// GET/HEAD, single Range requests (206/416), MIME types (DuckDB-WASM needs application/wasm and
// Parquet needs range reads), real 404s (never index.html: DuckDB would then read HTML as Parquet),
// and precompressed <file>.br/.gz for whole-file GETs when the client accepts them.
// Module: `const s = await serve(dir); s.url; s.log; await s.close()`; `staticHandler(dir)` is the same
// logic as connect-style middleware (the Vite dev server uses it for data/).
// CLI: node scripts/serve.mjs <dir> [port]
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.wasm': 'application/wasm',
  '.parquet': 'application/vnd.apache.parquet',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const COMPRESSIBLE = /\.(html|m?js|css|json|map|svg|wasm|txt|csv|tsv|md)$/;

/**
 * Answers one request from `root`. Calls `next()` (when given) instead of answering 404, so the
 * handler can sit in front of another server; `onDone(entry)` receives the request log entry.
 * `headers(file)` gives extra response headers for the file served, as a host adds them (for example a
 * Content-Security-Policy or frame-ancestors for HTML pages).
 */
export function staticHandler(
  dir,
  { onDone, precompressed = process.env.PRECOMP !== '0', cors = false, headers: extra = () => ({}) } = {},
) {
  const root = resolve(dir);
  // `cors`: any page may read these files (an object store serving a dataset to other sites).
  const allow = cors
    ? {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Headers': 'Range',
        'Access-Control-Expose-Headers': 'Content-Range, Content-Length, Accept-Ranges',
      }
    : {};
  return (req, res, next) => {
    const entry = { t: Date.now(), method: req.method, path: req.url, range: req.headers.range ?? null, status: 0, bytes: 0, enc: null };
    const finish = (status, headers, body) => {
      entry.status = status;
      res.writeHead(status, { ...allow, ...headers });
      res.end(body);
      onDone?.(entry);
    };
    if (cors && req.method === 'OPTIONS') return finish(204, { 'Access-Control-Allow-Methods': 'GET, HEAD' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return finish(405, { Allow: 'GET, HEAD' });
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return finish(400, {});
    }
    entry.path = path;
    let file = resolve(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return finish(404, { 'Content-Type': 'text/plain' }, 'not found');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (next) return next();
      return finish(404, { 'Content-Type': 'text/plain' }, 'not found');
    }
    const headers = {
      ...allow,
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-cache',
      ...extra(file),
    };
    const size = statSync(file).size;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && (range[1] !== '' || range[2] !== '')) {
      const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
      const end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
      if (start > end || start >= size) return finish(416, { 'Content-Range': `bytes */${size}` });
      entry.bytes = req.method === 'GET' ? end - start + 1 : 0;
      return pipe(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 }, file, {
        start,
        end,
      });
    }
    let body = file;
    const accept = req.headers['accept-encoding'] ?? '';
    if (precompressed && COMPRESSIBLE.test(file)) {
      for (const [enc, ext] of [
        ['br', '.br'],
        ['gzip', '.gz'],
      ]) {
        if (new RegExp(`\\b${enc}\\b`).test(accept) && existsSync(file + ext)) {
          body = file + ext;
          entry.enc = enc;
          break;
        }
      }
      if (entry.enc) Object.assign(headers, { 'Content-Encoding': entry.enc, Vary: 'Accept-Encoding' });
    }
    const length = statSync(body).size;
    entry.bytes = req.method === 'GET' ? length : 0;
    pipe(200, { ...headers, 'Content-Length': length }, body);

    function pipe(status, hdrs, path, opts) {
      entry.status = status;
      res.writeHead(status, hdrs);
      if (req.method === 'HEAD') {
        res.end();
        onDone?.(entry);
        return;
      }
      createReadStream(path, opts)
        .on('error', () => res.destroy())
        .pipe(res)
        .on('finish', () => onDone?.(entry));
    }
  };
}

/**
 * Serves `dir` on 127.0.0.1; every request is appended to `log`. `cors` lets pages of other origins
 * read it; `headers(file)` adds response headers (see staticHandler).
 */
export function serve(dir, { port = 0, onRequest, cors = false, headers } = {}) {
  const log = [];
  const handler = staticHandler(dir, {
    cors,
    headers,
    onDone: (e) => {
      log.push(e);
      onRequest?.(e);
    },
  });
  const server = createServer((req, res) => handler(req, res));
  return new Promise((ok, ko) => {
    server.once('error', ko);
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      ok({
        url,
        origin: url.slice(0, -1),
        root: resolve(dir),
        log,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

export const formatEntry = (e) =>
  `${e.method} ${e.path}${e.range ? ` range=${e.range}` : ''} ${e.status} ${e.bytes}${e.enc ? ` ${e.enc}` : ''}`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir = 'dist', port = '0'] = process.argv.slice(2);
  if (!existsSync(dir)) {
    console.error(`serve: no such folder ${dir} (run npm run build first)`);
    process.exit(2);
  }
  const s = await serve(dir, { port: Number(port), onRequest: (e) => console.log(formatEntry(e)) });
  console.log(`serving ${s.root} on ${s.url}`);
}
