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
