import type { Engine, Row } from '../engine';
import { isSuperseded, toRows } from '../engine';
import {
  allViewsSql,
  groupingOf,
  isActive,
  summarySql,
  viewSql,
  whereExcept,
  type CrossTable,
  type Selection,
  type Selections,
} from '../sql';
import { answerFromCube, buildAllCubes, cubeBasis, type ActiveCube } from './preagg';
import { SelectionStore } from './selection-store';

/** Counts of one linked view: category key or display-bin index, and the number of firms. */
export interface ViewResult {
  rows: { key: string | number; n: number }[];
  /** Selection state this result answers (for exact latency attribution). */
  seq: number;
  /** True when the result came from the data cube rather than a query. */
  fromCube: boolean;
  /**
   * Counts with nothing selected: the categories and extent of the whole table, so a view keeps its
   * order and axis whatever the selection (also when a link opens with filters). Empty until known.
   */
  base: { key: string | number; n: number }[];
}

export interface Summary {
  count: number;
  output: number;
  /** Sum of squared outputs, for the Herfindahl-Hirschman index. */
  sumsq: number;
  seq: number;
}

/** A query that follows the whole selection (firm table, concentration): built from the WHERE clause. */
export type Derived = (where: string) => string;

type Listener<T> = (value: T) => void;

interface DerivedEntry {
  build: Derived;
  listeners: Set<Listener<{ rows: Row[]; seq: number }>>;
  /** The rows last delivered and their JSON: an identical answer is not delivered again. */
  last: { rows: Row[]; seq: number; json: string } | null;
}

/** Same rows as before: the first paint's answer, now from the engine, changes nothing on screen. */
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const sameSel = (a: Selection | undefined, b: Selection | undefined): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Cross-filtering over one table: each linked view counts the rows selected by every other view
 * (its own selection is only a highlight). Brushing a view that has a data cube is answered in
 * JavaScript from prefix sums; everything else goes through the engine, where a newer query for
 * the same view drops an older one still waiting.
 */
export class Crossfilter {
  #store = new SelectionStore();
  #results = new Map<string, ViewResult>();
  #base = new Map<string, ViewResult['base']>();
  #listeners = new Map<string, Set<Listener<ViewResult>>>();
  #summaryListeners = new Set<Listener<Summary>>();
  #errorListeners = new Set<Listener<string | null>>();
  #summary: Summary | null = null;
  /** Answers the page already has (the build's first paint), until the engine has the data. */
  #first: ((sql: string) => Row[] | undefined) | null = null;
  #error: string | null = null;
  #derived = new Map<string, DerivedEntry>();
  /** Data cubes by brushed dimension; one answers only while the other views' selections are its basis. */
  #cubes = new Map<string, ActiveCube>();
  /** Selections the cubes being built are for (one build at a time). */
  #building: string | null = null;
  /** False until the first refresh: the table may not exist before the data is registered. */
  #started = false;
  #pending = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(
    private readonly engine: Engine,
    /** The table, its linked dimensions and the measure summed for totals. */
    readonly x: CrossTable,
    readonly preagg = true,
  ) {}

  get dims() {
    return this.x.dims;
  }

  /** A new state number, for an input that will be applied later (coalesced to a frame). */
  nextSeq(): number {
    return this.#store.next();
  }

  get selections(): Selections {
    return this.#store.current;
  }

  /**
   * Resolves when no query of this crossfilter is in flight and the engine has answered once (for
   * tests and the latency probe: an input before the data is in is answered when it arrives).
   */
  idle(): Promise<void> {
    return this.#pending === 0 && this.#started ? Promise.resolve() : new Promise((ok) => this.#idleWaiters.push(ok));
  }

  /**
   * What a view shows now, for its first render: a component rendered on the server (the prerendered
   * page) or hydrating it must draw the first paint before its `subscribe` effect runs.
   */
  current(dimId: string): ViewResult | null {
    return this.#results.get(dimId) ?? null;
  }

  /** The totals shown now (see `current`). */
  get summary(): Summary | null {
    return this.#summary;
  }

  /** The rows a derived view shows now (see `current`): its last answer, else the first paint's. */
  currentDerived(id: string, build: Derived): Row[] | null {
    return this.#derived.get(id)?.last?.rows ?? (this.#started ? null : (this.#first?.(build('')) ?? null));
  }

  subscribe(dimId: string, fn: Listener<ViewResult>): () => void {
    let set = this.#listeners.get(dimId);
    if (!set) this.#listeners.set(dimId, (set = new Set()));
    set.add(fn);
    const current = this.#results.get(dimId);
    if (current) fn(current);
    return () => set.delete(fn);
  }

  /**
   * Told when a query of the views fails (a file gone, a table dropped, the engine down) and when
   * answers arrive again (null): no view stays on "Loading…" for a query that will never answer.
   */
  onError(fn: Listener<string | null>): () => void {
    this.#errorListeners.add(fn);
    fn(this.#error);
    return () => this.#errorListeners.delete(fn);
  }

  #setError(message: string | null): void {
    if (message === this.#error) return;
    this.#error = message;
    for (const fn of this.#errorListeners) fn(message);
  }

  onSummary(fn: Listener<Summary>): () => void {
    this.#summaryListeners.add(fn);
    if (this.#summary) fn(this.#summary);
    return () => this.#summaryListeners.delete(fn);
  }

  /**
   * Draws every view, the totals and the derived views at once from answers the page already has
   * (the build's first paint of the unfiltered table), before the engine has started. A link with a
   * selection waits for the engine: the build only answered the unfiltered queries.
   */
  paintFirst(answer: (sql: string) => Row[] | undefined, sels: Selections): void {
    if (this.#started || Object.values(sels).some(isActive)) return;
    const rows = answer(allViewsSql(this.x));
    if (!rows) return;
    this.#first = answer;
    this.#applyAll(rows, this.#store.next(), true);
    for (const id of this.#derived.keys()) this.#firstDerived(id);
  }

  #firstDerived(id: string): void {
    const entry = this.#derived.get(id);
    const rows = entry && this.#first?.(entry.build(''));
    if (entry && rows) this.#deliver(entry, rows, this.#store.seq);
  }

  #deliver(entry: DerivedEntry, rows: Row[], seq: number): void {
    const json = JSON.stringify(rows);
    if (entry.last?.json === json) return;
    entry.last = { rows, seq, json };
    for (const fn of entry.listeners) fn({ rows, seq });
  }

  /** Registers a query that follows the full selection; it runs on every change until removed. */
  derive(id: string, build: Derived, fn: Listener<{ rows: Record<string, unknown>[]; seq: number }>): () => void {
    const entry: DerivedEntry = this.#derived.get(id) ?? { build, listeners: new Set(), last: null };
    entry.build = build;
    entry.listeners.add(fn);
    if (entry.last) fn({ rows: entry.last.rows, seq: entry.last.seq });
    this.#derived.set(id, entry);
    if (this.#started) this.#runDerived(id, this.#store.seq);
    else this.#firstDerived(id);
    return () => {
      entry.listeners.delete(fn);
      if (entry.listeners.size === 0) this.#derived.delete(id);
    };
  }

  /** Re-runs a derived query (its SQL changed: a new sort or page). */
  rerun(id: string): void {
    if (this.#started) this.#runDerived(id, this.#store.seq);
    else this.#firstDerived(id);
  }

  /** Queries every view afresh (after the data changed). */
  refresh(sels: Selections = this.#store.current): void {
    this.#started = true;
    this.#first = null;
    this.#cubes.clear();
    const { seq } = this.#store.set(sels);
    this.#base.clear();
    const filtered = Object.values(sels).some(isActive);
    // The unfiltered scan always runs: it gives every view its categories and extent (base).
    this.#queryAllAtOnce(seq, !filtered);
    if (filtered) {
      for (const d of this.dims) this.#query(d, seq);
      this.#querySummary(seq);
    }
    for (const id of this.#derived.keys()) this.#runDerived(id, seq);
    // Queued after the views' queries: the cubes are ready before the pointer reaches a histogram.
    this.#buildCubes();
  }

  /**
   * With nothing selected every view reads the same rows, so one scan with GROUPING SETS answers
   * all views and the KPIs (on province-scale tables this is most of the first render). With a
   * selection it only sets each view's base.
   */
  #queryAllAtOnce(seq: number, answer: boolean): void {
    const sql = allViewsSql(this.x);
    this.#track(this.engine.query(sql, { key: 'cf:all', cache: true }), (t) => this.#applyAll(toRows(t), seq, answer));
  }

  /** Takes the grouping-sets rows apart into each view's counts, and the table's totals. */
  #applyAll(rows: Row[], seq: number, answer: boolean): void {
    const all = (1 << this.dims.length) - 1;
    this.dims.forEach((d, i) => {
      const g = groupingOf(this.x, i);
      const out = rows
        .filter((r) => r.g === g && !(d.kind === 'interval' && r[`k${i}`] === null))
        .map((r) => ({ key: r[`k${i}`] as string | number, n: Number(r.n) }))
        .sort((a, b) => b.n - a.n || String(a.key).localeCompare(String(b.key)));
      this.#base.set(d.id, out);
      const shown = this.#results.get(d.id);
      // The engine's answer after the first paint is the same rows: nothing to draw again.
      if (answer && !(shown && same(shown.rows, out) && same(shown.base, out)))
        this.#emit(d.id, { rows: out, seq, fromCube: false, base: out });
      else if (!answer) this.#reemit(d.id, shown?.seq ?? seq);
    });
    if (!answer) return;
    const total = rows.find((r) => r.g === all);
    const summary = { count: Number(total?.n ?? 0), output: Number(total?.s ?? 0), sumsq: Number(total?.q ?? 0) };
    const shownSummary = this.#summary;
    if (!(
      shownSummary && same([shownSummary.count, shownSummary.output, shownSummary.sumsq], [summary.count, summary.output, summary.sumsq])
    ))
      this.#emitSummary({ ...summary, seq });
  }

  /**
   * Applies a new set of selections. `seq` numbers the state for latency attribution; views that
   * did not change are re-emitted with the new number, so every input produces a render.
   */
  update(sels: Selections, at?: number, { derived = true }: { derived?: boolean } = {}): number {
    const { prev, seq } = this.#store.set(sels, at);
    if (!this.#started) return seq;
    const changed = this.dims.filter((d) => !sameSel(prev[d.id], sels[d.id])).map((d) => d.id);
    const cube = changed.length === 1 ? this.#validCube(changed[0]) : null;
    if (cube) {
      this.#answerFromCube(cube, seq);
    } else {
      for (const d of this.dims) {
        // A view's counts depend only on the other views' selections.
        if (changed.length === 1 && changed[0] === d.id && this.#results.has(d.id)) this.#reemit(d.id, seq);
        else this.#query(d, seq);
      }
      this.#querySummary(seq);
    }
    // The firm table and the concentration measures scan every selected row: during a drag they
    // wait for the release instead of queueing a scan per frame in front of the linked views.
    if (derived) {
      for (const id of this.#derived.keys()) this.#runDerived(id, seq);
      // A settled change makes the other views' cubes stale: build them again, all in one scan.
      this.#buildCubes();
    }
    return seq;
  }

  /** Makes sure a brushable view has a data cube (pointer enter or focus): usually it is ready. */
  activate(dimId: string): Promise<void> {
    return this.#validCube(dimId) ? Promise.resolve() : this.#buildCubes();
  }

  /** True when brushing `dimId` is answered from a data cube under the current selections. */
  hasCube(dimId: string): boolean {
    return this.#validCube(dimId) !== null;
  }

  #validCube(dimId: string): ActiveCube | null {
    const cube = this.#cubes.get(dimId);
    return cube && cube.basis === cubeBasis(this.x, this.#store.current, dimId) ? cube : null;
  }

  /** Builds the data cube of every brushable view whose cube is stale, in one scan (see allCubesSql). */
  async #buildCubes(): Promise<void> {
    const sels = this.#store.current;
    const key = JSON.stringify(sels);
    const stale = this.dims.some((d) => d.kind === 'interval' && !this.#validCube(d.id));
    if (!this.preagg || !this.#started || !stale || this.#building === key) return;
    this.#building = key;
    this.#pending++;
    try {
      // Selections may move while the cubes are built: each is kept only if its basis still holds.
      for (const [dim, cube] of await buildAllCubes(this.engine, this.x, sels)) this.#cubes.set(dim, cube);
    } catch (err) {
      if (!isSuperseded(err)) console.warn('data cubes not built:', (err as Error).message);
    } finally {
      if (this.#building === key) this.#building = null;
      this.#done();
    }
  }

  #answerFromCube(cube: ActiveCube, seq: number): void {
    const answer = answerFromCube(cube, this.#store.current);
    for (const [id, rows] of answer.views) this.#emit(id, { rows, seq, fromCube: true, base: [] });
    this.#reemit(cube.dim, seq);
    this.#emitSummary({ ...answer.totals, seq });
  }

  #reemit(id: string, seq: number): void {
    const r = this.#results.get(id);
    if (r) this.#emit(id, { ...r, seq });
  }

  #emit(id: string, r: ViewResult): void {
    r = { ...r, base: this.#base.get(id) ?? [] };
    this.#results.set(id, r);
    for (const fn of this.#listeners.get(id) ?? []) fn(r);
  }

  #emitSummary(s: Summary): void {
    this.#summary = s;
    for (const fn of this.#summaryListeners) fn(s);
  }

  #done(): void {
    if (--this.#pending === 0) for (const ok of this.#idleWaiters.splice(0)) ok();
  }

  #track<T>(p: Promise<T>, onValue: (v: T) => void): void {
    this.#pending++;
    p.then(
      (v) => {
        this.#setError(null);
        onValue(v);
      },
      (err) => {
        if (!isSuperseded(err)) this.#setError((err as Error).message);
      },
    ).finally(() => this.#done());
  }

  /** The query of one linked view under the given selections (also shown to the benchmark). */
  viewSql(dimId: string, sels: Selections = this.#store.current): string {
    return viewSql(this.x, dimId, sels);
  }

  #query(d: CrossTable['dims'][number], seq: number): void {
    const sql = this.viewSql(d.id);
    this.#track(this.engine.query(sql, { key: `cf:${d.id}`, cache: true }), (t) => {
      const rows = toRows(t).map((r) => ({ key: r.k as string | number, n: Number(r.n) }));
      this.#emit(d.id, { rows, seq, fromCube: false, base: [] });
    });
  }

  #querySummary(seq: number): void {
    const sql = summarySql(this.x, this.#store.current);
    this.#track(this.engine.query(sql, { key: 'cf:summary', cache: true }), (t) => {
      const [r] = toRows(t);
      this.#emitSummary({ count: Number(r?.n ?? 0), output: Number(r?.s ?? 0), sumsq: Number(r?.q ?? 0), seq });
    });
  }

  #runDerived(id: string, seq: number): void {
    const entry = this.#derived.get(id);
    if (!entry) return;
    const sql = entry.build(whereExcept(this.dims, this.#store.current));
    this.#track(this.engine.query(sql, { key: `cf:derived:${id}`, cache: true }), (t) => this.#deliver(entry, toRows(t), seq));
  }
}
