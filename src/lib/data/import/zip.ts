/**
 * The central directory of a ZIP archive (an .xlsx is one), read without inflating anything: each
 * entry's name and sizes, so that a workbook which would unpack to gigabytes is refused from the
 * few kilobytes at the end of the file (ZIP64 sizes included).
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const MAX32 = 0xffffffff;

/** The entries listed in the archive's central directory, or null when there is none to read (not a ZIP, or cut short). */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  // The end record sits in the last 22 bytes, or before a comment of up to 65,535 bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (u32(at) === EOCD && at + 22 + u16(at + 20) <= bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = u16(eocd + 10);
  let size = u32(eocd + 12);
  let offset = u32(eocd + 16);
  if ((count === 0xffff || size === MAX32 || offset === MAX32) && eocd >= 20 && u32(eocd - 20) === ZIP64_LOCATOR) {
    const at = u64(eocd - 12);
    if (at + 56 > bytes.length || u32(at) !== ZIP64_EOCD) return null;
    count = u64(at + 32);
    size = u64(at + 40);
    offset = u64(at + 48);
  }
  if (offset + size > bytes.length) return null;
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > offset + size || u32(at) !== CENTRAL) return null;
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let compressedSize = u32(at + 20);
    let uncompressedSize = u32(at + 24);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // ZIP64: sizes that do not fit 32 bits are in extra field 0x0001, uncompressed first.
    if (uncompressedSize === MAX32 || compressedSize === MAX32) {
      for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; x += 4 + u16(x + 2)) {
        if (u16(x) !== 1) continue;
        let field = x + 4;
        if (uncompressedSize === MAX32) {
          uncompressedSize = u64(field);
          field += 8;
        }
        if (compressedSize === MAX32) compressedSize = u64(field);
        break;
      }
    }
    entries.push({ name, method: u16(at + 10), compressedSize, uncompressedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
