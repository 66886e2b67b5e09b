/**
 * Where the national method can be read two ways, the derivation takes a named option (see
 * `shared/domain/03-cld.md`, "Known places where the reference method is ambiguous"). The defaults are
 * this product's reading; each is recorded in the notes of the measures it affects.
 */
export interface DeriveOptions {
  /** 'measure': the identity rule runs on each measure's filtered rows (the worked example); 'submission': on all rows. */
  identityScope: 'measure' | 'submission';
  /** Continuous long-term support is chained from the latest end so far, or from the previous row only. */
  chainGap: 'running-max' | 'previous-row';
  /** LTS001c: in support since on or before the period end minus a year, or strictly before it. */
  longTermCutoff: 'on-or-before' | 'before';
  /** ASCOF 3D: people in long-term support during the year, or at its end. */
  selfDirectedAt: 'in-year' | 'year-end';
  /** ASCOF 3D: a community service whose component is "Direct Payment" counts as one whatever its mechanism. */
  directPaymentByComponent: boolean;
  /** ASCOF 2E: every gender, or only male and female (the totals SALT published). */
  accommodationGenders: 'all' | 'male-female';
  /** STS001: a request cluster still running at the period end is out of scope, or cut at the end. */
  requestBeyondPeriod: 'out-of-scope' | 'truncate';
  /** Sequels with several services: the SALT setting hierarchy (the method's words), or the first to start. */
  sequelService: 'hierarchy' | 'first';
}

export const DEFAULT_OPTIONS: DeriveOptions = {
  identityScope: 'measure',
  chainGap: 'running-max',
  longTermCutoff: 'on-or-before',
  selfDirectedAt: 'in-year',
  directPaymentByComponent: true,
  accommodationGenders: 'all',
  requestBeyondPeriod: 'out-of-scope',
  sequelService: 'hierarchy',
};
