/**
 * Public and exempt risks. Some risks carry information that may not be published (exempt under
 * Schedule 12A to the Local Government Act 1972). Anything marked for publication shows only public
 * risks; internal papers may show both, with the exempt ones marked.
 */
export type Audience = 'published' | 'internal';

export const audienceLabel: Record<Audience, string> = {
  published: 'For publication: exempt risks left out',
  internal: 'Internal: includes exempt risks, not for publication',
};

export const isAudience = (v: unknown): v is Audience => v === 'published' || v === 'internal';

/** The risks an audience may see. */
export function forAudience<R extends { exempt: boolean }>(risks: readonly R[], audience: Audience): R[] {
  return audience === 'internal' ? [...risks] : risks.filter((r) => !r.exempt);
}

/** Risk links (from an action, say) an audience may see: exempt ones are dropped unless internal. */
export const linksForAudience = forAudience;
