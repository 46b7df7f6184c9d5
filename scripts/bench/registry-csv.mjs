// A firm registry CSV of any size, as a district's registry export looks: 统一社会信用代码 with a valid
// GB 32100-2015 check character, names, segment, subdistrict, registered capital written the ways
// staff write it ("200(万美元)", "1,000(万元人民币)", "5（万元）", "N/A"), output with thousands
// separators, dates in two styles. Made on demand for the import benchmark and the e2e tests (never
// committed), in UTF-8 with a byte-order mark or in GB18030 as Excel on Chinese Windows saves it.
import { createWriteStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { mulberry32 } from '../lib/random.mjs';

const SEGMENTS = ['电子关键元器件', '印刷电路板', '智能家电', '汽车电子', 'LED照明器件'];
const AREAS = ['江南街道', '外海街道', '礼乐街道'];
const WORDS = ['江海', '高新', '华锐', '粤科', '恒通', '精工', '宏达', '海信', '联创', '天成', '金隆', '鸿裕', '新亚', '国光', '中微'];
const TRADES = ['电子', '电器', '科技', '线路板', '照明', '智能装备', '精密', '光电'];
const FORMS = ['有限公司', '股份有限公司', '实业有限公司'];
const ROADS = ['高新东路', '金瓯路', '龙溪路', '东海路', '五邑路', '滘头路'];
const CAPITAL = [
  (r) => `${Math.round(r() * 5000) + 10}万元`,
  (r) => `"${(Math.round(r() * 9000) + 1000).toLocaleString('en-US')}(万元人民币)"`,
  (r) => `${Math.round(r() * 900) + 20}(万美元)`,
  (r) => `${Math.round(r() * 50) + 1}（万元）`,
  () => 'N/A',
];

export const HEADER = '统一社会信用代码,企业名称,细分领域,所属街道,注册资本,2022年产值（万元）,从业人员,成立日期,是否规上,注册地址';

// GB 32100-2015: 31 characters (no I, O, S, V, Z); weights 3^(i-1) mod 31.
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// GB 11714 organisation code inside it: eight digits and a check character.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** A valid unified social credit code for a firm registered in Jianghai District (440704). */
export function creditCode(r) {
  let org = '';
  let s = 0;
  for (let i = 0; i < 8; i++) {
    const d = Math.floor(r() * 10);
    org += d;
    s += d * ORG_WEIGHTS[i];
  }
  const c9 = 11 - (s % 11);
  org += c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
  const body = `91440704${org}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CODE_CHARS.indexOf(body[i]) * CODE_WEIGHTS[i];
  return body + CODE_CHARS[(31 - (sum % 31)) % 31];
}

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const pad = (n) => String(n).padStart(2, '0');

/** One data row (no line end), from the random stream `r`. */
export function registryRow(r) {
  const output = Math.round(Math.exp(4 + r() * 6));
  const outputText = output >= 1000 && r() < 0.5 ? `"${output.toLocaleString('en-US')}"` : String(output);
  const y = 1985 + Math.floor(r() * 38);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  const date = r() < 0.7 ? `${y}-${pad(m)}-${pad(d)}` : `${y}/${m}/${d}`;
  return [
    creditCode(r),
    `江门市${pick(r, WORDS)}${pick(r, WORDS)}${pick(r, TRADES)}${pick(r, FORMS)}`,
    pick(r, SEGMENTS),
    pick(r, AREAS),
    pick(r, CAPITAL)(r),
    outputText,
    String(5 + Math.floor(r() * 800)),
    date,
    output >= 2000 ? '是' : '否',
    `江门市江海区${pick(r, ROADS)}${1 + Math.floor(r() * 300)}号`,
  ].join(',');
}

let gbkTable = null;
/** GB18030 bytes of text whose characters are all in GBK (every character this generator uses is). */
export function gb18030(text) {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, (a << 8) | b);
      }
    }
  }
  const out = Buffer.allocUnsafe(text.length * 2);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[n++] = c;
    else {
      const code = gbkTable.get(text[i]);
      if (code === undefined) throw new Error(`no GBK code for ${text[i]}`);
      out[n++] = code >> 8;
      out[n++] = code & 0xff;
    }
  }
  return out.subarray(0, n);
}

/**
 * Writes a registry CSV of at least `bytes` bytes to `path` (CRLF line ends, as Excel writes) and
 * returns its size and row count. `encoding` is 'utf-8' (with a BOM) or 'gb18030'. The same seed
 * gives the same rows in both encodings. An existing file of the right size is kept.
 */
export async function writeRegistryCsv(path, { bytes, encoding = 'utf-8', seed = 20230707 } = {}) {
  const r = mulberry32(seed);
  const encode = encoding === 'gb18030' ? gb18030 : (s) => Buffer.from(s, 'utf8');
  const out = createWriteStream(path);
  let size = 0;
  let rows = 0;
  const write = async (buf) => {
    size += buf.length;
    if (!out.write(buf)) await once(out, 'drain');
  };
  if (encoding === 'utf-8') await write(Buffer.from([0xef, 0xbb, 0xbf]));
  await write(encode(`${HEADER}\r\n`));
  while (size < bytes) {
    const lines = [];
    for (let i = 0; i < 2000; i++) lines.push(registryRow(r));
    rows += lines.length;
    await write(encode(`${lines.join('\r\n')}\r\n`));
  }
  out.end();
  await once(out, 'finish');
  return { path, size, rows, encoding };
}

/**
 * writeRegistryCsv unless `path` already holds the file of an earlier call with the same options
 * (a sidecar `<path>.json` records them and the row count).
 */
export async function ensureRegistryCsv(path, opts) {
  const meta = `${path}.json`;
  const want = JSON.stringify({ bytes: opts.bytes, encoding: opts.encoding ?? 'utf-8', seed: opts.seed ?? 20230707 });
  if (existsSync(path) && existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8'));
    if (m.options === want && statSync(path).size === m.size) return { path, size: m.size, rows: m.rows, encoding: m.encoding };
  }
  const r = await writeRegistryCsv(path, opts);
  writeFileSync(meta, JSON.stringify({ options: want, size: r.size, rows: r.rows, encoding: r.encoding }));
  return r;
}

/** Writes the GB18030 copy of a UTF-8 registry CSV (same rows, no byte-order mark), unless it is there and newer. */
export function ensureGb18030Copy(source, path) {
  if (!existsSync(path) || statSync(path).mtimeMs < statSync(source).mtimeMs) {
    const text = readFileSync(source, 'utf8').replace(/^\uFEFF/, '');
    const out = [];
    // In slices: one Buffer per 4 MB of text keeps the encoder's scratch space small.
    for (let i = 0; i < text.length; i += 4 * 1024 * 1024) out.push(gb18030(text.slice(i, i + 4 * 1024 * 1024)));
    writeFileSync(path, Buffer.concat(out));
  }
  return { path, size: statSync(path).size, encoding: 'gb18030' };
}
