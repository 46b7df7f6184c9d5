import { onRegistry, problemsOf, provenanceOf, registryVersion, type Problem } from '../data/registry';
import type { ViewProvenance } from '../data/provenance';

/**
 * Where some tables' rows come from and what stops them from being read, kept current as the
 * catalog changes (an import, a mapping, a console statement, a failed file). Call during component
 * initialisation.
 */
export function watchTables(tables: () => readonly string[]): { readonly provenance: ViewProvenance; readonly problems: Problem[] } {
  let rev = $state(registryVersion());
  $effect(() => onRegistry(() => (rev = registryVersion())));
  const provenance = $derived.by(() => (void rev, provenanceOf(tables())));
  const problems = $derived.by(() => (void rev, problemsOf(tables())));
  return {
    get provenance() {
      return provenance;
    },
    get problems() {
      return problems;
    },
  };
}
