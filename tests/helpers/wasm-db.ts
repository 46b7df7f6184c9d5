// The engine the app ships, opened in Node over the built data (shared with the build's snapshot check).
export { openWasmDb, type WasmDb } from '../../scripts/lib/wasm-db';
