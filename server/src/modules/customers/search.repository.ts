import { Injectable } from '@nestjs/common';
import type { CountryCode } from 'libphonenumber-js';
import { DataSource } from 'typeorm';
import { escapeLike, QueryParts } from '../../common/database/query-parts';
import type { AppAbility } from '../permissions/ability';
import { ColumnMap, permissionFilter } from '../permissions/permission-filter';
import { addCustomerFilters, wantsTypoFallback } from './customer-queries';

/** A match with the parts of its subtitle; the service drops the parts field limits hide. */
export interface SearchRow {
  id: string;
  name: string;
  owner_id: string;
  phone: string | null;
  email?: string | null;
  company_id?: string | null;
  company_owner_id?: string | null;
  company_name?: string | null;
  industry?: string | null;
  tax_id?: string | null;
  contact_name?: string | null;
}

const CONTACT_COLUMNS: ColumnMap = { ownerId: 'c.owner_id', id: 'c.id' };
const COMPANY_COLUMNS: ColumnMap = { ownerId: 'co.owner_id', id: 'co.id' };
const DEAL_COLUMNS: ColumnMap = { ownerId: 'd.owner_id', id: 'd.id' };

/** Puts the parameters of a permission condition into `parts` and returns its SQL (for use outside WHERE). */
function inline(parts: QueryParts, condition: (firstParam: number) => { sql: string; params: unknown[] }): string {
  const built = condition(parts.nextParam);
  for (const value of built.params) {
    parts.param(value);
  }
  return built.sql;
}

/** SQL of the top bar search: a few best matches per record type, each filtered by the caller's read rules. */
@Injectable()
export class SearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  async contacts(ability: AppAbility, q: string, limit: number, region: CountryCode): Promise<SearchRow[]> {
    if (!ability.can('read', 'Contact')) {
      return [];
    }
    const build = (): { parts: QueryParts; select: string } => {
      const parts = new QueryParts();
      // The contact's main company among those the caller may see, the primary phone and e-mail.
      const companyVisible = inline(parts, (n) => permissionFilter(ability, 'read', 'Company', COMPANY_COLUMNS, n));
      const select = `
        SELECT c.id, c.name, c.owner_id, c.phone, c.email, main.id AS company_id, main.owner_id AS company_owner_id, main.name AS company_name
          FROM contacts c
          LEFT JOIN LATERAL (SELECT co.id, co.owner_id, co.name FROM contact_companies l JOIN companies co ON co.id = l.company_id
                              WHERE l.contact_id = c.id AND ${companyVisible} ORDER BY l.is_primary DESC, co.name LIMIT 1) main ON true`;
      parts.whereRaw((n) => permissionFilter(ability, 'read', 'Contact', CONTACT_COLUMNS, n));
      return { parts, select };
    };
    return this.run(build, 'c', q, limit, region);
  }

  async companies(ability: AppAbility, q: string, limit: number, region: CountryCode): Promise<SearchRow[]> {
    if (!ability.can('read', 'Company')) {
      return [];
    }
    const build = (): { parts: QueryParts; select: string } => {
      const parts = new QueryParts().whereRaw((n) => permissionFilter(ability, 'read', 'Company', COMPANY_COLUMNS, n));
      return { parts, select: `SELECT co.id, co.name, co.owner_id, co.industry, co.phone, co.tax_id FROM companies co` };
    };
    return this.run(build, 'co', q, limit, region);
  }

  /** Deals by title, contact or company name; titles starting with the text first. */
  async deals(ability: AppAbility, q: string, limit: number): Promise<SearchRow[]> {
    if (!ability.can('read', 'Deal')) {
      return [];
    }
    const parts = new QueryParts().whereRaw((n) => permissionFilter(ability, 'read', 'Deal', DEAL_COLUMNS, n));
    if (q.length >= 3) {
      parts.where((p) => `d.search_text LIKE '%' || crm_fold(${p}) || '%'`, escapeLike(q));
    } else {
      parts.where((p) => `crm_fold(d.title) LIKE crm_fold(${p}) || '%'`, escapeLike(q));
    }
    const text = parts.param(q);
    return this.dataSource.query(
      `SELECT d.id, d.title AS name, d.owner_id, d.company_id, co.owner_id AS company_owner_id, co.name AS company_name, c.name AS contact_name
         FROM deals d LEFT JOIN companies co ON co.id = d.company_id LEFT JOIN contacts c ON c.id = d.contact_id
        WHERE ${parts.sql}
        ORDER BY crm_fold(d.title) LIKE crm_fold(${text}) || '%' DESC, d.title, d.id LIMIT ${limit}`,
      parts.params,
    );
  }

  /** Names starting with the text first, then the others by name; similar names when nothing contains it. */
  private async run(build: () => { parts: QueryParts; select: string }, alias: string, q: string, limit: number, region: CountryCode): Promise<SearchRow[]> {
    const found = build();
    addCustomerFilters(found.parts, alias, { q }, region);
    const text = found.parts.param(q);
    const rows: SearchRow[] = await this.dataSource.query(
      `${found.select} WHERE ${found.parts.sql}
       ORDER BY crm_fold(${alias}.name) LIKE crm_fold(${text}) || '%' DESC, ${alias}.name, ${alias}.id LIMIT ${limit}`,
      found.parts.params,
    );
    if (rows.length > 0 || !wantsTypoFallback({ q }, region)) {
      return rows;
    }
    const similar = build();
    const typed = similar.parts.param(q);
    return this.dataSource.query(
      `${similar.select} WHERE ${similar.parts.sql} AND crm_fold(${alias}.name) % crm_fold(${typed})
       ORDER BY similarity(crm_fold(${alias}.name), crm_fold(${typed})) DESC, ${alias}.id LIMIT ${limit}`,
      similar.parts.params,
    );
  }
}
