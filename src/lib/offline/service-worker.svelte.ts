// The page's side of the service worker (src/sw.ts): registration, and what the page tells the user.
// Workbox's own window library (through vite-plugin-pwa's virtual module) drives the update life cycle.

export const offline = $state({
  /** A new deployment is installed and waits for this page to take it (the update banner). */
  update: false,
  /** Every file the app needs is on this device: it works with no network from now on. */
  ready: false,
});

let takeUpdate: ((reload?: boolean) => Promise<void>) | null = null;

/**
 * Registers the service worker once the page has painted and its data is in, so installing it (the
 * engine's 18 MiB module and the data, 3 MB with brotli) never competes with the first load.
 * An embed only uses a worker that a visit to the dashboard installed: an article's reader should not
 * download the whole app for one chart.
 */
export async function startServiceWorker(opts: { install: boolean }): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  if (!opts.install) {
    offline.ready = !!navigator.serviceWorker.controller;
    return;
  }
  const { registerSW } = await import('virtual:pwa-register');
  takeUpdate = registerSW({
    immediate: true,
    onNeedRefresh: () => (offline.update = true),
    onOfflineReady: () => (offline.ready = true),
    onRegisteredSW(_url, registration) {
      if (navigator.serviceWorker.controller) offline.ready = true;
      // A tab left open for days still hears of a deployment when it comes back into view.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') void registration?.update().catch(() => undefined);
      });
    },
    // Offline, or a host that does not serve sw.js: the page works as before, only not offline.
    onRegisterError: () => undefined,
  });
}

/** Activates the waiting deployment; workbox-window reloads the page once it controls it. */
export function applyUpdate(): void {
  void takeUpdate?.(true);
}
