/**
 * Which other sites a `data=` link may load a dataset from. The deployment says it in
 * `<meta name="jianghai:data-origins" content="...">` (index.html and embed.html, set at build time
 * from JIANGHAI_DATA_ORIGINS): a space-separated list of origins, `self` being this site (the
 * default: no other site unless the operator opts in), or `*` for any site. Data from any other site
 * than this one is always labelled with that site's name.
 */
export type OriginPolicy = { any: true } | { any: false; origins: string[] };

export function parsePolicy(content: string | null | undefined, pageOrigin: string): OriginPolicy {
  const words = (content ?? 'self').trim().split(/\s+/).filter(Boolean);
  if (words.includes('*')) return { any: true };
  const origins = words.map((w) => {
    if (w === 'self' || w === "'self'") return pageOrigin;
    try {
      return new URL(w).origin;
    } catch {
      return null;
    }
  });
  return { any: false, origins: [pageOrigin, ...origins.filter((o): o is string => o !== null)] };
}

/** The page's policy, read once from its meta tag. */
export const pagePolicy = (): OriginPolicy =>
  parsePolicy(document.querySelector<HTMLMetaElement>('meta[name="jianghai:data-origins"]')?.content, location.origin);

export interface DataUrlCheck {
  accepted: boolean;
  /** Host of the other site the data comes from; null when it is this site. */
  foreign: string | null;
}

export function checkDataUrl(url: string, pageOrigin: string, policy: OriginPolicy): DataUrlCheck {
  let u: URL;
  try {
    u = new URL(url, pageOrigin);
  } catch {
    return { accepted: false, foreign: null };
  }
  if (!/^https?:$/.test(u.protocol)) return { accepted: false, foreign: u.protocol };
  const foreign = u.origin === pageOrigin ? null : u.host;
  return { accepted: policy.any || policy.origins.includes(u.origin), foreign };
}

/**
 * The Content-Security-Policy written into index.html and embed.html for a deployment's
 * JIANGHAI_DATA_ORIGINS value: scripts only from this site (and DuckDB's wasm compiled), workers from
 * this site, and connections only to this site and the data origins it accepts (`*`: any site, as
 * data= links then may).
 * Inline styles stay allowed: Svelte's templates carry style attributes. frame-ancestors cannot be set
 * from a meta tag; the README gives the header for the host.
 */
export function contentSecurityPolicy(dataOrigins: string): string {
  const words = dataOrigins.trim().split(/\s+/).filter(Boolean);
  const connect = words.includes('*')
    ? ['*']
    : ["'self'", ...words.filter((w) => w !== 'self' && w !== "'self'").map((w) => new URL(w).origin)];
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    `connect-src ${[...new Set(["'self'", ...connect])].join(' ')} blob: data:`,
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "frame-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}
