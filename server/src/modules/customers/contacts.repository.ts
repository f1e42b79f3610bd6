import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { QueryParts } from '../../common/database/query-parts';
import { keysetPage, SortColumn } from '../../common/http/keyset';
import { Page, toPage } from '../../common/http/page';
import type { AppAbility } from '../permissions/ability';
import { ColumnMap, permissionFilter } from '../permissions/permission-filter';
import type { Action } from '../permissions/subjects';
import type { ContactListQuery } from './dto/contact.dto';

export interface ContactRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  owner_id: string;
  owner_name: string;
  custom: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
  version: number;
}

/** The record as the permission rules see it (camelCase fields). */
export interface ContactRecord {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  ownerId: string;
  custom: Record<string, unknown>;
}

const COLUMNS: ColumnMap = { ownerId: 'c.owner_id', id: 'c.id' };

const SELECT_CONTACTS = `
  SELECT c.id, c.name, c.email, c.phone, c.owner_id, o.display_name AS owner_name, c.custom,
         c.created_at, c.updated_at, c.created_by, c.version
    FROM contacts c JOIN users o ON o.id = c.owner_id`;

const SORTS: Record<string, SortColumn & { value: (r: ContactRow) => unknown }> = {
  name: { sql: 'c.name', type: 'text', value: (r) => r.name },
  createdAt: { sql: 'c.created_at', type: 'timestamptz', value: (r) => r.created_at },
  updatedAt: { sql: 'c.updated_at', type: 'timestamptz', value: (r) => r.updated_at },
};

/** SQL for contacts. Every read is filtered by the caller's permission rules in SQL. */
@Injectable()
export class ContactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(ability: AppAbility, query: ContactListQuery): Promise<Page<ContactRow>> {
    const parts = new QueryParts().whereRaw((n) => permissionFilter(ability, 'read', 'Contact', COLUMNS, n));
    if (query.q) {
      const q = query.q.trim();
      // Trigram index for 3+ characters; shorter fragments match from the start of the name.
      if (q.length >= 3) {
        parts.where((p) => `contacts_search_text(c.name, c.email, c.phone) LIKE '%' || crm_fold(${p}) || '%'`, escapeLike(q));
      } else {
        parts.where((p) => `crm_fold(c.name) LIKE crm_fold(${p}) || '%'`, escapeLike(q));
      }
    }
    if (query.ownerId) {
      parts.where((p) => `c.owner_id = ${p}`, query.ownerId);
    }
    const filter = { sql: parts.sql, params: [...parts.params] };
    const page = keysetPage(SORTS, 'c.id', query, parts.nextParam, '-updatedAt');
    if (page.after) {
      parts.whereRaw(page.after);
    }
    const rows: ContactRow[] = await this.dataSource.query(
      `${SELECT_CONTACTS} WHERE ${parts.sql} ORDER BY ${page.orderBy} LIMIT ${page.limit + 1}`,
      parts.params,
    );
    const result: Page<ContactRow> = toPage(rows, page.limit, page.sortKey, SORTS[page.sortKey].value, (r) => r);
    if (query.count) {
      const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM contacts c WHERE ${filter.sql}`, filter.params);
      result.total = total;
    }
    return result;
  }

  /** The contact if the ability allows `action` on it; otherwise undefined, as if it did not exist. */
  async findAllowed(ability: AppAbility, action: Action, id: string, manager?: EntityManager): Promise<ContactRow | undefined> {
    const parts = new QueryParts().where((p) => `c.id = ${p}`, id).whereRaw((n) => permissionFilter(ability, action, 'Contact', COLUMNS, n));
    const [row]: ContactRow[] = await (manager ?? this.dataSource).query(`${SELECT_CONTACTS} WHERE ${parts.sql}`, parts.params);
    return row;
  }

  async find(id: string, manager: EntityManager): Promise<ContactRow> {
    const [row]: ContactRow[] = await manager.query(`${SELECT_CONTACTS} WHERE c.id = $1`, [id]);
    return row;
  }

  async insert(manager: EntityManager, contact: Omit<ContactRecord, 'id'> & { createdBy: string }): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO contacts (name, email, phone, owner_id, custom, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [contact.name, contact.email, contact.phone, contact.ownerId, JSON.stringify(contact.custom), contact.createdBy],
    );
    return id;
  }

  /** Conditional update on the version (TypeORM's version column is not checked on UPDATE). */
  async update(manager: EntityManager, id: string, version: number, changes: Partial<Omit<ContactRecord, 'id'>>): Promise<boolean> {
    const parts = new QueryParts();
    const columns: Record<string, string> = { name: 'name', email: 'email', phone: 'phone', ownerId: 'owner_id', custom: 'custom' };
    const sets = ['updated_at = now()', 'version = version + 1'];
    for (const [field, value] of Object.entries(changes)) {
      if (value !== undefined) {
        sets.push(`${columns[field]} = ${parts.param(field === 'custom' ? JSON.stringify(value) : value)}`);
      }
    }
    const result = await manager.query(
      `UPDATE contacts SET ${sets.join(', ')} WHERE id = ${parts.param(id)} AND version = ${parts.param(version)} RETURNING id`,
      parts.params,
    );
    return result[0].length > 0;
  }

  async delete(manager: EntityManager, id: string, version: number): Promise<boolean> {
    const result = await manager.query('DELETE FROM contacts WHERE id = $1 AND version = $2 RETURNING id', [id, version]);
    return result[0].length > 0;
  }
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, '\\$&');

export const toContactRecord = (row: ContactRow): ContactRecord => ({
  id: row.id,
  name: row.name,
  email: row.email,
  phone: row.phone,
  ownerId: row.owner_id,
  custom: row.custom,
});
