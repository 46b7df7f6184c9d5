import { onRegistry, provenanceOf, registryVersion } from '../data/registry';
import type { ViewProvenance } from '../data/provenance';

/**
 * The provenance of some tables, kept current as the catalog changes (an import, a mapping, a
 * console statement). Call during component initialisation.
 */
export function watchProvenance(tables: () => readonly string[]): { readonly current: ViewProvenance } {
  let rev = $state(registryVersion());
  $effect(() => onRegistry(() => (rev = registryVersion())));
  const vp = $derived.by(() => (void rev, provenanceOf(tables())));
  return {
    get current() {
      return vp;
    },
  };
}
