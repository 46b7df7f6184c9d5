/**
 * The import worker: one per file being imported, so that Cancel can stop it by terminating it, and
 * a file that exhausts the worker's memory takes nothing else with it. See session.ts.
 */
/// <reference lib="webworker" />
import type { ImportRequest } from './protocol';
import { ImportSession } from './session';

declare const self: DedicatedWorkerGlobalScope;

const session = new ImportSession((reply, transfer = []) => self.postMessage(reply, transfer));
// Requests are answered one at a time, in order: a restage never runs on a half-read file.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (e: MessageEvent<ImportRequest>) => {
  queue = queue.then(() => session.handle(e.data));
};
