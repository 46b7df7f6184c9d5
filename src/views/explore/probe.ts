/**
 * Hooks of the latency probe (../shared/peers/mosaic/probe.mjs): the benchmark installs
 * `window.__latencyProbe`; in normal use these calls do nothing.
 */
interface LatencyProbe {
  applied(seq: number): void;
  rendered(el: Element, seq: number): void;
}

const probe = (): LatencyProbe | undefined => (window as unknown as { __latencyProbe?: LatencyProbe }).__latencyProbe;

/** An input has become selection state `seq` (call synchronously from the input handler). */
export const probeApplied = (seq: number): void => probe()?.applied(seq);

/** The view containing `el` has drawn state `seq`. */
export const probeRendered = (el: Element | undefined, seq: number): void => {
  if (el && seq > 0) probe()?.rendered(el, seq);
};
