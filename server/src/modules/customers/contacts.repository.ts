import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetListSpec, keysetList } from '../../common/database/keyset-list';
import { escapeLike, QueryParts } from '../../common/database/query-parts';
import { deleteVersioned, updateVersioned } from '../../common/database/versioned-write';
import { Page } from '../../common/http/page';
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

export const LIST: KeysetListSpec<ContactRow> = {
  select: SELECT_CONTACTS,
  countFrom: 'contacts c',
  idColumn: 'c.id',
  defaultSort: '-updatedAt',
  sorts: {
    name: { sql: 'c.name', type: 'text', value: (r) => r.name },
    createdAt: { sql: 'c.created_at', type: 'timestamptz', value: (r) => r.created_at },
    updatedAt: { sql: 'c.updated_at', type: 'timestamptz', value: (r) => r.updated_at },
  },
};

/** SQL for contacts. Every read is filtered by the caller's permission rules in SQL. */
@Injectable()
export class ContactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(ability: AppAbility, query: ContactListQuery): Promise<Page<ContactRow>> {
    return keysetList(this.dataSource, LIST, this.listFilter(ability, query), query);
  }

  /** The list's WHERE over `contacts c`: the caller's read rules and the query's search and filters (the export uses it too). */
  listFilter(ability: AppAbility, query: Omit<ContactListQuery, 'limit' | 'cursor' | 'count'>): QueryParts {
    const filter = new QueryParts().whereRaw((n) => permissionFilter(ability, 'read', 'Contact', COLUMNS, n));
    if (query.q) {
      const q = query.q.trim();
      // Trigram index for 3+ characters; shorter fragments match from the start of the name.
      if (q.length >= 3) {
        filter.where((p) => `c.search_text LIKE '%' || crm_fold(${p}) || '%'`, escapeLike(q));
      } else {
        filter.where((p) => `crm_fold(c.name) LIKE crm_fold(${p}) || '%'`, escapeLike(q));
      }
    }
    if (query.ownerId) {
      filter.where((p) => `c.owner_id = ${p}`, query.ownerId);
    }
    return filter;
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
    await this.refreshSearch(manager, [id]);
    return id;
  }

  /** Inserts many contacts in one statement (demo data, later imports); returns how many. */
  async insertMany(manager: EntityManager, contacts: Pick<ContactRecord, 'name' | 'email' | 'phone' | 'ownerId'>[], createdBy: string | null): Promise<number> {
    await manager.query(
      `WITH inserted AS (
         INSERT INTO contacts (name, email, phone, owner_id, created_by)
         SELECT name, email, phone, owner_id, $5 FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::uuid[]) AS c(name, email, phone, owner_id)
         RETURNING id)
       UPDATE contacts c SET search_text = contact_search_document(c.id) FROM inserted i WHERE c.id = i.id`,
      [contacts.map((c) => c.name), contacts.map((c) => c.email), contacts.map((c) => c.phone), contacts.map((c) => c.ownerId), createdBy],
    );
    return contacts.length;
  }

  async update(manager: EntityManager, id: string, version: number, changes: Partial<Omit<ContactRecord, 'id'>>): Promise<boolean> {
    const updated = await updateVersioned(manager, 'contacts', id, version, {
      name: changes.name,
      email: changes.email,
      phone: changes.phone,
      owner_id: changes.ownerId,
      custom: changes.custom && JSON.stringify(changes.custom),
    });
    if (updated) {
      await this.refreshSearch(manager, [id]);
    }
    return updated;
  }

  /** Rebuilds the folded search document of contacts after their name, contact points or companies changed. */
  async refreshSearch(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`UPDATE contacts SET search_text = contact_search_document(id) WHERE id = ANY($1)`, [ids]);
  }

  delete(manager: EntityManager, id: string, version: number): Promise<boolean> {
    return deleteVersioned(manager, 'contacts', id, version);
  }

  /** Whether a user may own contacts: they exist and are active. */
  async isActiveUser(manager: EntityManager, userId: string): Promise<boolean> {
    return (await manager.query('SELECT 1 FROM users WHERE id = $1 AND active', [userId])).length > 0;
  }
}


export const toContactRecord = (row: ContactRow): ContactRecord => ({
  id: row.id,
  name: row.name,
  email: row.email,
  phone: row.phone,
  ownerId: row.owner_id,
  custom: row.custom,
});
