/**
 * What followed an episode (a request cluster, a period of reablement): the method's sequel rules as
 * SQL. Follow-on events start on or after the episode ends; the first must start within the window
 * (28 days for requests, 3 for reablement), and each later one within 3 days of the latest end so far.
 * Meeting another episode of the same kind stops the chain and the episode keeps its own outcome;
 * otherwise a service in the chain gives the sequel (by the setting hierarchy, or the first to start),
 * else a usable outcome of a non-service event (several different ones become "NFA - other"), else the
 * episode's own outcome.
 */
import type { DeriveOptions } from './options.js';
import { FAR_FUTURE } from './sql.js';

export interface SequelSpec {
  /** CTE with person_id, episode, ep_end, own_outcome. */
  episodes: string;
  /** CTE with person_id, event_type, service_type, event_start, span_end, event_outcome, same_kind, episode_key. */
  events: string;
  windowDays: number;
  /** Predicate on event_outcome: which non-service outcomes can be a sequel. */
  usableOutcome: string;
}

/** Lower wins: long-term settings first, then short-term services. */
export const SERVICE_HIERARCHY = `CASE service_type
  WHEN 'long-term-nursing' THEN 1 WHEN 'long-term-residential' THEN 2 WHEN 'long-term-community' THEN 3
  WHEN 'long-term-prison' THEN 4 WHEN 'short-term-st-max' THEN 5 WHEN 'short-term-ongoing-low-level' THEN 6
  WHEN 'short-term-other' THEN 7 ELSE 8 END`;

/** CTE bodies, to be placed after the spec's own CTEs; the last, `sequel`, has one row per episode. */
export function sequelCtes(spec: SequelSpec, options: DeriveOptions): string {
  const pick = options.sequelService === 'first' ? 'seq' : `${SERVICE_HIERARCHY} * 100000 + seq`;
  return `follow AS (
      SELECT p.person_id, p.episode, p.ep_end, f.event_type, f.service_type, f.event_start, f.span_end,
        f.event_outcome, f.same_kind
      FROM ${spec.episodes} p JOIN ${spec.events} f ON f.person_id = p.person_id
        AND f.event_start >= p.ep_end AND (f.episode_key IS NULL OR f.episode_key <> p.episode)),
    follow_ordered AS (
      SELECT follow.*,
        row_number() OVER (PARTITION BY person_id, episode ORDER BY event_start, span_end, event_type, service_type) AS seq,
        max(span_end) OVER (PARTITION BY person_id, episode ORDER BY event_start, span_end, event_type, service_type
          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prior_end
      FROM follow),
    follow_breaks AS (
      SELECT follow_ordered.*, CASE
        WHEN seq = 1 THEN CASE WHEN event_start > ep_end + ${spec.windowDays} THEN 1 ELSE 0 END
        WHEN event_start > prior_end + 3 THEN 1 ELSE 0 END AS breaks_chain
      FROM follow_ordered),
    chain AS (
      SELECT * FROM (SELECT follow_breaks.*, sum(breaks_chain) OVER (PARTITION BY person_id, episode ORDER BY seq
        ROWS UNBOUNDED PRECEDING) AS broken FROM follow_breaks) x WHERE broken = 0),
    superseded AS (SELECT person_id, episode, min(seq) AS at_seq FROM chain WHERE same_kind GROUP BY person_id, episode),
    chain_service AS (
      SELECT person_id, episode, service_type, event_start AS service_start FROM (
        SELECT chain.*, row_number() OVER (PARTITION BY person_id, episode ORDER BY ${pick}) AS best
        FROM chain WHERE event_type = 'service' AND NOT same_kind) x WHERE best = 1),
    chain_outcome AS (
      SELECT person_id, episode, CASE WHEN count(DISTINCT event_outcome) > 1 THEN 'nfa-other' ELSE min(event_outcome) END AS outcome
      FROM chain WHERE event_type <> 'service' AND NOT same_kind AND ${spec.usableOutcome}
      GROUP BY person_id, episode),
    sequel AS (
      SELECT p.*,
        CASE WHEN s.at_seq IS NOT NULL THEN NULL ELSE cs.service_type END AS sequel_service,
        CASE WHEN s.at_seq IS NOT NULL THEN NULL ELSE cs.service_start END AS sequel_service_start,
        CASE WHEN s.at_seq IS NOT NULL OR cs.service_type IS NOT NULL THEN p.own_outcome
             ELSE coalesce(co.outcome, p.own_outcome) END AS sequel_outcome,
        CASE WHEN s.at_seq IS NOT NULL THEN 'superseded by a later episode'
             WHEN cs.service_type IS NOT NULL THEN 'service followed'
             WHEN co.outcome IS NOT NULL THEN 'outcome of follow-on event'
             WHEN EXISTS (SELECT 1 FROM follow f WHERE f.person_id = p.person_id AND f.episode = p.episode) THEN 'no related activity'
             ELSE 'no further activity' END AS sequel_source
      FROM ${spec.episodes} p
      LEFT JOIN superseded s ON s.person_id = p.person_id AND s.episode = p.episode
      LEFT JOIN chain_service cs ON cs.person_id = p.person_id AND cs.episode = p.episode
      LEFT JOIN chain_outcome co ON co.person_id = p.person_id AND co.episode = p.episode)`;
}

/** Groups rows into episodes: a row starting within `gapDays` of the latest end so far joins the episode. */
export function episodeCtes(name: string, rows: string, gapDays: number): string {
  return `${name}_ordered AS (
      SELECT r.*, max(span_end) OVER (PARTITION BY person_id ORDER BY event_start, span_end, row_ref
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prior_end FROM ${rows} r),
    ${name}_numbered AS (
      SELECT o.*, sum(CASE WHEN prior_end IS NULL OR event_start > prior_end + ${gapDays} THEN 1 ELSE 0 END)
        OVER (PARTITION BY person_id ORDER BY event_start, span_end, row_ref ROWS UNBOUNDED PRECEDING) AS episode_number
      FROM ${name}_ordered o),
    ${name}_members AS (
      SELECT n.*, CAST(person_id AS TEXT) || '#' || CAST(episode_number AS TEXT) AS episode,
        row_number() OVER (PARTITION BY person_id, episode_number ORDER BY span_end DESC, event_start DESC, row_ref DESC) AS last_in_episode,
        row_number() OVER (PARTITION BY person_id, episode_number ORDER BY event_start, span_end, row_ref) AS first_in_episode
      FROM ${name}_numbered n),
    ${name} AS (
      SELECT l.person_id, l.episode, f.event_start AS ep_start, l.span_end AS ep_end, l.event_outcome AS own_outcome,
        l.row_ref, l.birth_month, f.route_of_access AS route_of_access
      FROM ${name}_members l JOIN ${name}_members f ON f.episode = l.episode AND f.first_in_episode = 1
      WHERE l.last_in_episode = 1)`;
}

export { FAR_FUTURE };
