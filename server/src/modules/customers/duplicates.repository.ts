import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QueryParts } from '../../common/database/query-parts';
import type { AppAbility } from '../permissions/ability';
import { permissionFilter } from '../permissions/permission-filter';
import type { MergeEntitySpec } from './merge.entities';

/** Normalised values to look for; empty lists and an undefined name mean "do not match on it". */
export interface DuplicateProbe {
  name?: string;
  emails: string[];
  phones: string[];
  taxId?: string;
  excludeId?: string;
}

export interface DuplicateRow {
  id: string;
  name: string;
  owner_name: string;
  point_kinds: string[];
  same_tax_id: boolean;
  similarity: number;
}

/** Names at least this similar (pg_trgm similarity of the folded names) count as possible duplicates. */
export const NAME_SIMILARITY_THRESHOLD = 0.6;
/** Rows taken from each way of matching before the caller's permission filter and ranking. */
const PER_REASON = 50;

/**
 * Finds possible duplicates through indexes only:
 * - contact points by (kind, value) (index contact_points_value);
 * - primary e-mail/phone copies through the trigram index of search_text, for rows whose copy has
 *   no contact point (written before points existed), checked exactly afterwards;
 * - tax id (companies_tax_id);
 * - folded name with the `%` similarity operator (GIN contacts_name_trgm / companies_name_trgm).
 *   On 1M contacts the name part is a Bitmap Index Scan on contacts_name_trgm followed by a sort
 *   of the few rows above the threshold (EXPLAIN: "Recheck Cond: (crm_fold(name) % crm_fold($n))").
 */
@Injectable()
export class DuplicatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(ability: AppAbility, spec: MergeEntitySpec, probe: DuplicateProbe): Promise<DuplicateRow[]> {
    const p = new QueryParts();
    const sources: string[] = [];
    const ctes: string[] = [];
    const visible = (): string => {
      const condition = permissionFilter(ability, 'read', spec.subject, { ownerId: 'r.owner_id', id: 'r.id' }, p.nextParam);
      p.params.push(...condition.params);
      return condition.sql;
    };

    if (probe.emails.length > 0 || probe.phones.length > 0) {
      const emails = p.param(probe.emails);
      const phones = p.param(probe.phones);
      ctes.push(`by_point AS (
        SELECT pt.${spec.ownColumn} AS id, array_agg(DISTINCT pt.kind::text) AS kinds
          FROM contact_points pt
         WHERE pt.${spec.ownColumn} IS NOT NULL
           AND ((pt.kind = 'email' AND pt.value = ANY(${emails}::text[])) OR (pt.kind = 'phone' AND pt.value = ANY(${phones}::text[])))
         GROUP BY 1 LIMIT ${PER_REASON})`);
      sources.push('SELECT id FROM by_point');
      const likes = [...probe.emails, ...probe.phones.map((phone) => phone.replace(/\D/g, ''))].map(
        (value) => `r.search_text LIKE ${p.param(`%${value.replace(/[\\%_]/g, '\\$&')}%`)}`,
      );
      ctes.push(`by_copy AS (
        SELECT r.id, array_remove(ARRAY[
                 CASE WHEN lower(r.email) = ANY(${emails}::text[]) THEN 'email' END,
                 CASE WHEN '+' || regexp_replace(r.phone, '\\D', '', 'g') = ANY(${phones}::text[]) THEN 'phone' END], NULL) AS kinds
          FROM ${spec.table} r
         WHERE (${likes.join(' OR ')})
           AND (lower(r.email) = ANY(${emails}::text[]) OR '+' || regexp_replace(r.phone, '\\D', '', 'g') = ANY(${phones}::text[]))
         LIMIT ${PER_REASON})`);
      sources.push('SELECT id FROM by_copy');
    } else {
      ctes.push(`by_point AS (SELECT NULL::uuid AS id, NULL::text[] AS kinds WHERE FALSE)`, `by_copy AS (SELECT NULL::uuid AS id, NULL::text[] AS kinds WHERE FALSE)`);
    }
    const taxId = spec.table === 'companies' && probe.taxId ? p.param(probe.taxId) : undefined;
    if (taxId) {
      sources.push(`SELECT id FROM companies WHERE tax_id = ${taxId} LIMIT ${PER_REASON}`);
    }
    const name = probe.name ? p.param(probe.name) : undefined;
    if (name) {
      // Visible rows only here: a common name may match thousands of rows the caller cannot see.
      ctes.push(`by_name AS (
        SELECT r.id FROM ${spec.table} r
         WHERE crm_fold(r.name) % crm_fold(${name}) AND ${visible()}
         ORDER BY similarity(crm_fold(r.name), crm_fold(${name})) DESC LIMIT ${PER_REASON})`);
      sources.push('SELECT id FROM by_name');
    }
    if (sources.length === 0) {
      return [];
    }
    const excluded = p.param(probe.excludeId ?? null);
    const sql = `
      WITH ${ctes.join(',\n')}
      SELECT r.id, r.name, o.display_name AS owner_name,
             ARRAY(SELECT DISTINCT k FROM unnest(coalesce(bp.kinds, '{}') || coalesce(bc.kinds, '{}')) AS k) AS point_kinds,
             ${taxId ? `r.tax_id = ${taxId}` : 'false'} AS same_tax_id,
             ${name ? `similarity(crm_fold(r.name), crm_fold(${name}))` : '0'}::float8 AS similarity
        FROM (${sources.map((source) => `(${source})`).join(' UNION ')}) ids
        JOIN ${spec.table} r ON r.id = ids.id
        JOIN users o ON o.id = r.owner_id
        LEFT JOIN by_point bp ON bp.id = r.id
        LEFT JOIN by_copy bc ON bc.id = r.id
       WHERE r.id IS DISTINCT FROM ${excluded}::uuid AND ${visible()}`;
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(NAME_SIMILARITY_THRESHOLD)]);
      return manager.query(sql, p.params);
    });
  }
}
