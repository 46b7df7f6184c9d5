// The import worker's parts without a browser: the session that reads, stages, retypes and converts
// a file (driven with a real File, as the worker is), the preview it sends the page, and the page's
// client, whose Cancel must stop the work and reject what was waiting.
import { describe, expect, test } from 'vitest';
import { ImportWorker, isCancelled } from '../../src/lib/data/import/client';
import { SHAPE_LIMITS } from '../../src/lib/data/import/limits';
import { ImportError } from '../../src/lib/data/import/problems';
import type { ImportReply, ImportRequest } from '../../src/lib/data/import/protocol';
import { ImportSession } from '../../src/lib/data/import/session';
import { stage, type StagedGrid } from '../../src/lib/data/import/stage';
import { summarize } from '../../src/lib/data/import/summary';
import { openWasmDb } from '../helpers/wasm-db';

const CSV = [
  '企业名称,产值（万元）,员工',
  '甲,"1,234",10',
  '乙,3.5亿,x',
  '丙,—,30',
  ...Array.from({ length: 20 }, (_, i) => `企业${i},${i},${i}`),
].join('\n');
const limits = { ...SHAPE_LIMITS };

/** A session answering in-process, recording every reply. */
function session() {
  const replies: ImportReply[] = [];
  const s = new ImportSession((r) => replies.push(r));
  return { s, replies, last: () => replies[replies.length - 1] };
}

/** A Worker stand-in that runs an ImportSession in this thread, as the real worker would. */
function inProcessWorker(slow = false) {
  const fake = {
    onmessage: null as ((e: MessageEvent<ImportReply>) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    terminated: false,
    session: new ImportSession((r) => !fake.terminated && fake.onmessage?.({ data: r } as MessageEvent<ImportReply>)),
    postMessage(req: ImportRequest) {
      const run = () => !fake.terminated && void fake.session.handle(req);
      if (slow) setTimeout(run, 50);
      else run();
    },
    terminate() {
      fake.terminated = true;
    },
  };
  return fake;
}

describe('the import session (the worker side)', () => {
  test('opens a file with progress, then restages, retypes and converts it to Arrow IPC', async () => {
    const { s, replies, last } = session();
    await s.handle({ id: 1, type: 'open', file: new File([CSV], '名录.csv'), kind: 'csv', limits });
    const phases = new Set(replies.filter((r) => r.type === 'progress').map((r) => (r as { phase: string }).phase));
    expect([...phases]).toEqual(expect.arrayContaining(['reading', 'parsing', 'checking']));
    const opened = last();
    expect(opened.type).toBe('staged');
    if (opened.type !== 'staged') return;
    expect(opened.view).toMatchObject({
      rows: 23,
      columns: ['企业名称', '产值（万元）', '员工'],
      types: ['text', 'integer', 'integer'],
      problemRows: 1,
    });
    expect(opened.view.preview).toHaveLength(12);
    expect(opened.view.previewFailed[1]).toEqual([false, false, true]);

    await s.handle({ id: 2, type: 'retype', types: ['text', 'integer', 'text'] });
    expect(last()).toMatchObject({ id: 2, type: 'staged', view: { problemRows: 0, failed: [0, 0, 0] } });
    await s.handle({ id: 3, type: 'restage', opts: { headerRow: null } });
    expect(last()).toMatchObject({ id: 3, type: 'staged', view: { rows: 24, columns: ['column_1', 'column_2', 'column_3'] } });
    await s.handle({ id: 4, type: 'restage', opts: { headerRow: 0 } });
    const before = replies.length;
    // Batches of 10 rows: 23 rows come in three, each with the same schema, then the end.
    await s.handle({ id: 5, type: 'arrow', batchRows: 10 });
    const sent = replies.slice(before);
    expect(sent.map((r) => r.type)).toEqual(['batch', 'batch', 'batch', 'arrow']);
    expect(sent.map((r) => (r.type === 'batch' ? r.done : null))).toEqual([10, 20, 23, null]);
    const db = await openWasmDb();
    const conn = db.conn as unknown as { insertArrowFromIPCStream(b: Uint8Array, o: object): void };
    sent.forEach((r, i) => r.type === 'batch' && conn.insertArrowFromIPCStream(r.ipc, { name: 'session_t', create: i === 0 }));
    expect(
      db.query('SELECT sum("产值（万元）")::INTEGER AS s, count(*)::INTEGER AS n, count("企业名称")::INTEGER AS named FROM session_t'),
    ).toEqual([{ s: 1234 + 35000 + 190, n: 23, named: 23 }]);
  });

  test('a problem is answered as data, and a request before open says what went wrong', async () => {
    const { s, last } = session();
    await s.handle({ id: 1, type: 'open', file: new File(['a,b\n'], 'h.csv'), kind: 'csv', limits });
    expect(last()).toEqual({ id: 1, type: 'problem', problem: { code: 'no-rows', file: 'h.csv' } });
    const fresh = session();
    await fresh.s.handle({ id: 7, type: 'arrow' });
    expect(fresh.last()).toMatchObject({ id: 7, type: 'problem', problem: { code: 'worker-failed' } });
  });

  test('the preview cuts long text and copies no more than its first rows, without changing the staged table', async () => {
    const long = 'x'.repeat(5000);
    const s = (await stage('l.csv', 'csv', { bytes: new TextEncoder().encode(`a,b\n${long},1\n` + 'y,2\n'.repeat(100)) })) as StagedGrid;
    const v = summarize(s, 5);
    expect(v.preview).toHaveLength(5);
    expect((v.preview[0][0] as string).length).toBe(201);
    expect(s.table.data[0].at(0)).toBe(long);
    expect(v.rows).toBe(101);
  });
});

describe('the client (the page side)', () => {
  test('batches arrive as the worker builds them, and a failing worker ends the stream with its problem', async () => {
    const fake = inProcessWorker();
    const w = new ImportWorker('名录.csv', () => fake as unknown as Worker);
    await w.open(new File([CSV], '名录.csv'), 'csv', limits);
    const sizes: number[] = [];
    for await (const ipc of w.batches(undefined, 8)) sizes.push(ipc.length);
    expect(sizes).toHaveLength(3);
    const broken = new ImportWorker('x.csv', () => inProcessWorker() as unknown as Worker);
    await expect(
      (async () => {
        for await (const _ of broken.batches()) throw new Error('no batch expected');
      })(),
    ).rejects.toMatchObject({ problem: { code: 'worker-failed' } });
  });

  test('stages through the worker and reports its progress', async () => {
    const fake = inProcessWorker();
    const w = new ImportWorker('名录.csv', () => fake as unknown as Worker);
    const seen: string[] = [];
    const view = await w.open(new File([CSV], '名录.csv'), 'csv', limits, (phase) => seen.push(phase));
    expect(view.rows).toBe(23);
    expect(seen).toContain('parsing');
    await expect(w.open(new File(['a,b\n'], 'h.csv'), 'csv', limits)).rejects.toBeInstanceOf(ImportError);
  });

  test('Cancel terminates the worker at once and rejects what was waiting with an AbortError', async () => {
    const fake = inProcessWorker(true);
    const w = new ImportWorker('名录.csv', () => fake as unknown as Worker);
    const pending = w.open(new File([CSV], '名录.csv'), 'csv', limits);
    w.cancel();
    const err = await pending.catch((e: unknown) => e);
    expect(isCancelled(err)).toBe(true);
    expect(fake.terminated).toBe(true);
    await expect(
      (async () => {
        for await (const _ of w.batches()) throw new Error('no batch expected');
      })(),
    ).rejects.toSatisfy(isCancelled);
  });

  test('a worker that dies fails its waiting requests with a problem naming the file', async () => {
    const fake = inProcessWorker(true);
    const w = new ImportWorker('big.csv', () => fake as unknown as Worker);
    const pending = w.open(new File([CSV], 'big.csv'), 'csv', limits);
    fake.onerror?.({ message: 'Out of memory', preventDefault() {} } as ErrorEvent);
    const err = await pending.catch((e: unknown) => e);
    expect((err as ImportError).problem).toEqual({ code: 'worker-failed', file: 'big.csv', detail: 'Out of memory' });
    expect(fake.terminated).toBe(true);
  });
});
