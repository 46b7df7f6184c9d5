/**
 * Where saved tables live on this device: the origin private file system (OPFS) where the browser
 * has it, IndexedDB where it does not, and memory for tests. A store holds named blobs (Parquet
 * copies) and one index document; nothing here leaves the device.
 *
 * Writes are all-or-nothing per call: OPFS's writable stream only replaces a file on close(), and
 * an IndexedDB put is a transaction. The caller writes a blob under a new key first and commits the
 * index after, so a write cut short (a full disk, a closed tab) leaves an orphan blob at worst,
 * which the next start deletes.
 */

export interface DeviceStore {
  /** 'opfs' or 'indexeddb' in the browser, 'memory' in tests. */
  readonly kind: 'opfs' | 'indexeddb' | 'memory';
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  remove(key: string): Promise<void>;
  keys(): Promise<string[]>;
  readIndex(): Promise<string | null>;
  writeIndex(json: string): Promise<void>;
}

/** True when an error says the device's storage quota is used up. */
export const isQuotaError = (err: unknown): boolean =>
  (err as { name?: string } | null)?.name === 'QuotaExceededError' || /quota/i.test(String((err as Error)?.message ?? err));

const DIR = 'jianghai-saved';
const INDEX = 'index.json';
const BLOB_SUFFIX = '.parquet';

/** OPFS: one folder, a file per blob and the index beside them. */
async function opfsStore(): Promise<DeviceStore | null> {
  const root = await navigator.storage?.getDirectory?.();
  if (!root) return null;
  const dir = await root.getDirectoryHandle(DIR, { create: true });
  // Safari had OPFS without writable streams on the main thread for years: use IndexedDB there.
  const probe = await dir.getFileHandle('.probe', { create: true });
  if (typeof (probe as FileSystemFileHandle & { createWritable?: unknown }).createWritable !== 'function') return null;
  const write = async (name: string, data: Uint8Array | string) => {
    const handle = await dir.getFileHandle(name, { create: true });
    const w = await handle.createWritable();
    try {
      await w.write(data as FileSystemWriteChunkType);
      await w.close();
    } catch (err) {
      await w.abort().catch(() => undefined);
      throw err;
    }
  };
  const read = async (name: string): Promise<File | null> => {
    try {
      return await (await dir.getFileHandle(name)).getFile();
    } catch {
      return null;
    }
  };
  return {
    kind: 'opfs',
    put: (key, bytes) => write(key + BLOB_SUFFIX, bytes),
    get: async (key) => {
      const f = await read(key + BLOB_SUFFIX);
      return f ? new Uint8Array(await f.arrayBuffer()) : null;
    },
    remove: (key) => dir.removeEntry(key + BLOB_SUFFIX).catch(() => undefined),
    keys: async () => {
      const out: string[] = [];
      for await (const name of dir.keys()) if (name.endsWith(BLOB_SUFFIX)) out.push(name.slice(0, -BLOB_SUFFIX.length));
      return out;
    },
    readIndex: async () => (await read(INDEX))?.text() ?? null,
    writeIndex: (json) => write(INDEX, json),
  };
}

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((ok, ko) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(r.error);
  });

/** IndexedDB: one object store of blobs and index, each put its own transaction. */
async function indexedDbStore(): Promise<DeviceStore | null> {
  if (typeof indexedDB === 'undefined') return null;
  const open = indexedDB.open(DIR, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('files');
  const db = await request(open);
  const tx = (mode: IDBTransactionMode) => db.transaction('files', mode).objectStore('files');
  const put = (key: string, value: unknown) =>
    new Promise<void>((ok, ko) => {
      const t = db.transaction('files', 'readwrite');
      t.objectStore('files').put(value, key);
      t.oncomplete = () => ok();
      t.onerror = () => ko(t.error);
      t.onabort = () => ko(t.error);
    });
  return {
    kind: 'indexeddb',
    put: (key, bytes) => put(`blob:${key}`, bytes),
    get: async (key) => ((await request(tx('readonly').get(`blob:${key}`))) as Uint8Array | undefined) ?? null,
    remove: async (key) => void (await request(tx('readwrite').delete(`blob:${key}`))),
    keys: async () =>
      ((await request(tx('readonly').getAllKeys())) as string[]).filter((k) => k.startsWith('blob:')).map((k) => k.slice(5)),
    readIndex: async () => ((await request(tx('readonly').get('index'))) as string | undefined) ?? null,
    writeIndex: (json) => put('index', json),
  };
}

/** A store in memory (tests); `failPut` makes puts fail as a full disk does. */
export function memoryStore(opts: { failPut?: (key: string, bytes: Uint8Array) => boolean } = {}): DeviceStore & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  let index: string | null = null;
  const full = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
  return {
    kind: 'memory',
    files,
    put: async (key, bytes) => {
      if (opts.failPut?.(key, bytes)) throw full();
      files.set(key, bytes.slice());
    },
    get: async (key) => files.get(key)?.slice() ?? null,
    remove: async (key) => void files.delete(key),
    keys: async () => [...files.keys()],
    readIndex: async () => index,
    writeIndex: async (json) => {
      if (opts.failPut?.('index', new TextEncoder().encode(json))) throw full();
      index = json;
    },
  };
}

/** The device's store: OPFS, else IndexedDB; null when the browser offers neither (private modes). */
export async function openStore(): Promise<DeviceStore | null> {
  try {
    const o = await opfsStore();
    if (o) return o;
  } catch {
    // OPFS refused (a private window, a policy): IndexedDB may still be there.
  }
  try {
    return await indexedDbStore();
  } catch {
    return null;
  }
}
