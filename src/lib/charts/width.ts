/**
 * Width a chart is drawn at before its container is measured: on the server (the prerendered page)
 * and while hydrating. These are the widths of a chart's body in the dashboard's grid at its widest
 * (every window 1,280 px wide or more, where `main` stops growing), so the prerendered chart is exact
 * there; elsewhere its SVG scales into the container (viewBox) at its own height until the measured
 * width redraws it. Embeds of usual article widths (600-700 px) are drawn at the narrow width too.
 */
export const DEFAULT_WIDTH = { narrow: 569, wide: 1185 } as const;

/**
 * Reports an element's content width whenever it changes, from ResizeObserver entries only. Svelte's
 * bind:clientWidth also reads clientWidth when it starts, which forces a layout of the whole page per
 * chart while the first paint is being built (about 190 ms for the dashboard's charts on 2 cores).
 */
export function observeWidth(set: (width: number) => void) {
  return (el: HTMLElement) => {
    const ro = new ResizeObserver(([entry]) => set(Math.round(entry.contentBoxSize?.[0]?.inlineSize ?? entry.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  };
}
