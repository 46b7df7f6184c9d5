// Size of every file dist/ ships, raw and as a host would send it: gzip and brotli. The build writes
// .gz/.br next to text and wasm assets; where it did not (Parquet, small files), this compresses on the
// fly at the same settings, and says so, because a host that compresses on the fly sends about that.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { kib, table } from './stats.mjs';

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));

function compressed(file, ext, compress) {
  if (existsSync(file + ext)) return { bytes: statSync(file + ext).size, precompressed: true };
  return { bytes: compress(readFileSync(file)).length, precompressed: false };
}

const gzip = (buf) => gzipSync(buf, { level: 9 });
const brotli = (buf) =>
  brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: buf.length > 4e6 ? 9 : 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } });

export default {
  name: 'assets',
  title: 'Shipped assets (dist/)',
  definitions: {
    raw: 'file size in dist/',
    gzip: 'size of the .gz the build wrote next to it, else gzip -9 on the fly',
    brotli: 'size of the .br the build wrote next to it, else brotli q11 (q9 above 4 MB) on the fly',
    coldLoad: 'true when a cold load of #/ in Chromium requested the file (from the cold section)',
  },
  async run({ dist, results }) {
    const loaded = new Set(results.cold?.loadedPaths ?? []);
    const files = walk(dist).filter((f) => !/\.(br|gz)$/.test(f)).sort();
    const assets = files.map((f) => {
      const path = '/' + relative(dist, f).split('\\').join('/');
      const gz = compressed(f, '.gz', gzip);
      const br = compressed(f, '.br', brotli);
      return {
        path,
        raw: statSync(f).size,
        gzip: gz.bytes,
        brotli: br.bytes,
        precompressed: gz.precompressed && br.precompressed,
        coldLoad: results.cold ? loaded.has(path) || (path === '/index.html' && loaded.has('/')) : null,
      };
    });
    const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0);
    const total = (xs) => ({ files: xs.length, raw: sum(xs, 'raw'), gzip: sum(xs, 'gzip'), brotli: sum(xs, 'brotli') });
    return { assets, total: total(assets), coldLoadTotal: results.cold ? total(assets.filter((a) => a.coldLoad)) : null };
  },
  report(r) {
    const rows = [...r.assets]
      .sort((a, b) => b.raw - a.raw)
      .map((a) => [a.path, kib(a.raw), kib(a.gzip), kib(a.brotli), a.precompressed ? '' : 'on the fly', a.coldLoad === null ? '' : a.coldLoad ? 'yes' : '']);
    rows.push(['total shipped', kib(r.total.raw), kib(r.total.gzip), kib(r.total.brotli), '', '']);
    if (r.coldLoadTotal) rows.push(['total of a cold load', kib(r.coldLoadTotal.raw), kib(r.coldLoadTotal.gzip), kib(r.coldLoadTotal.brotli), '', '']);
    return table(['asset', 'raw KiB', 'gzip KiB', 'br KiB', 'compressed', 'cold load'], rows);
  },
};
