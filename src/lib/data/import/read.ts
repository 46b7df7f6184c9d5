/** Reading a picked or dropped file into memory, with progress, after the checks that need no bytes. */
import { extensionOf, kindFromName, type FileKind } from './kind';
import { checkSize } from './limits';
import { fail } from './problems';

/** The reader a file needs, or an ImportError for an unknown type, an empty file or one too large. */
export function admit(file: { name: string; size: number }, deviceMemoryGiB?: number): FileKind {
  const kind = kindFromName(file.name);
  if (!kind) return fail({ code: 'unsupported-type', file: file.name, ext: extensionOf(file.name) || '?' });
  const p = checkSize(file.name, kind, file.size, deviceMemoryGiB);
  if (p) fail(p);
  return kind;
}

/** Bytes read per step: large enough that a 100 MB file is 13 native reads, small enough for steady progress. */
const STEP = 8 * 1024 * 1024;

/** Reads the whole file, reporting bytes read; the bytes stay in this tab (or worker). */
export async function readBytes(file: Blob & { name: string }, onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<Uint8Array> {
  // The size when picked: a file that grows while being read is cut there.
  const total = file.size;
  const out = new Uint8Array(total);
  let loaded = 0;
  // Reading has started: the page shows the file's progress at 0 % (and tests time from here).
  onProgress(0, total);
  try {
    while (loaded < total) {
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
      const chunk = new Uint8Array(await file.slice(loaded, Math.min(total, loaded + STEP)).arrayBuffer());
      if (chunk.length === 0) break;
      out.set(chunk, loaded);
      loaded += chunk.length;
      onProgress(loaded, total);
    }
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    fail({ code: 'read-failed', file: file.name, detail: (err as Error).message });
  }
  return loaded === total ? out : out.subarray(0, loaded);
}
