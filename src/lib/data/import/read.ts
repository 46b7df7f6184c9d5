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

/** Reads the whole file, reporting bytes read; the bytes stay in this tab. */
export async function readBytes(file: Blob & { name: string }, onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<Uint8Array> {
  const total = file.size;
  const out = new Uint8Array(total);
  let loaded = 0;
  try {
    const reader = file.stream().getReader();
    for (;;) {
      if (signal?.aborted) {
        await reader.cancel();
        throw new DOMException('aborted', 'AbortError');
      }
      const { done, value } = await reader.read();
      if (done) break;
      // A file that grew while being read is cut at the size it had when it was picked.
      out.set(value.subarray(0, total - loaded), loaded);
      loaded = Math.min(total, loaded + value.length);
      onProgress(loaded, total);
    }
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    fail({ code: 'read-failed', file: file.name, detail: (err as Error).message });
  }
  return loaded === total ? out : out.subarray(0, loaded);
}
