import { Inject, Injectable } from '@nestjs/common';
import type { CountryCode } from 'libphonenumber-js';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import type { KeysetListSpec } from '../../common/database/keyset-list';
import { QueryParts } from '../../common/database/query-parts';
import { deleteVersioned, updateVersioned } from '../../common/database/versioned-write';
import { Page } from '../../common/http/page';
import type { AppAbility } from '../permissions/ability';
import { ColumnMap, permissionFilter } from '../permissions/permission-filter';
import type { Action } from '../permissions/subjects';
import { ContactPoint, phoneRegion } from './contact-points';
import type { ContactListQuery } from './dto/contact.dto';
import type { AddressResponse, Lifecycle, Source } from './dto/customer-parts.dto';
import {
  addCustomerFilters, CustomerTable, CustomFilter, customerSorts, listWithTypoFallback, lockAllowed, pointsJson, primaryOf, reassignOwner, replacePoints,
} from './customer-queries';

export interface CompanyLinkRow {
  companyId: string;
  companyName: string;
  companyOwnerId: string;
  jobTitle: string | null;
  primary: boolean;
}

export interface ContactRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  points: ContactPoint[];
  addresses: AddressResponse[];
  tags: string[];
  source: Source | null;
  lifecycle: Lifecycle;
  email_consent: boolean;
  email_consent_at: Date | null;
  email_consent_source: string | null;
  sms_consent: boolean;
  sms_consent_at: Date | null;
  sms_consent_source: string | null;
  last_contacted_at: Date | null;
  next_step: string | null;
  next_step_at: Date | null;
  companies: CompanyLinkRow[];
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
  ownerId: string;
}

export interface Consent {
  granted: boolean;
  at: Date | null;
  source: string | null;
}

/** The stored columns of a contact as the service writes them. */
export interface ContactWrite {
  name: string;
  points: ContactPoint[];
  addresses: AddressResponse[];
  tags: string[];
  source: Source | null;
  lifecycle: Lifecycle;
  emailConsent: Consent;
  smsConsent: Consent;
  nextStep: string | null;
  nextStepAt: string | null;
  ownerId: string;
  custom: Record<string, unknown>;
}

/** A contact made in bulk with its primary phone and e-mail and, optionally, how it stands. */
export type ContactSeed = Pick<ContactWrite, 'name' | 'ownerId'> & { email: string | null; phone: string | null }
  & Partial<Pick<ContactWrite, 'lifecycle' | 'source' | 'tags' | 'nextStep' | 'nextStepAt'>>;

export interface CompanyLinkWrite {
  companyId: string;
  jobTitle: string | null;
  primary: boolean;
}

const COLUMNS: ColumnMap = { ownerId: 'c.owner_id', id: 'c.id' };
const TABLE: CustomerTable = { table: 'contacts', alias: 'c', subject: 'Contact', columns: COLUMNS };

const SELECT_CONTACTS = `
  SELECT c.id, c.name, c.email, c.phone, c.addresses, c.tags, c.source, c.lifecycle,
         c.email_consent, c.email_consent_at, c.email_consent_source, c.sms_consent, c.sms_consent_at, c.sms_consent_source,
         c.last_contacted_at, c.next_step, c.next_step_at,
         c.owner_id, o.display_name AS owner_name, c.custom, c.created_at, c.updated_at, c.created_by, c.version,
         ${pointsJson('contact_id', 'c.id')} AS points,
         (SELECT coalesce(json_agg(json_build_object('companyId', l.company_id, 'companyName', co.name, 'companyOwnerId', co.owner_id,
                                                     'jobTitle', l.job_title, 'primary', l.is_primary)
                          ORDER BY l.is_primary DESC, co.name), '[]')
            FROM contact_companies l JOIN companies co ON co.id = l.company_id WHERE l.contact_id = c.id) AS companies
    FROM contacts c JOIN users o ON o.id = c.owner_id`;

export const LIST: KeysetListSpec<ContactRow> = {
  select: SELECT_CONTACTS,
  countFrom: 'contacts c',
  idColumn: 'c.id',
  // The default order's index carries the owner, so a team's page is picked from it (migrations 018, 019).
  pickFrom: 'contacts c',
  defaultSort: '-updatedAt',
  sorts: customerSorts<ContactRow>('c'),
};

/** SQL for contacts. Every read is filtered by the caller's permission rules in SQL. */
@Injectable()
export class ContactsRepository {
  private readonly region: CountryCode;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'defaultPhoneRegion'>,
  ) {
    this.region = phoneRegion(config.defaultPhoneRegion) ?? 'AZ';
  }

  /**
   * The WHERE parts of a contact list: the permission rules for `action` and every filter of the
   * query. Export builds its query from the same parts.
   */
  filterParts(ability: AppAbility, action: Action, query: ContactListQuery, customFilter?: CustomFilter): QueryParts {
    const parts = new QueryParts().whereRaw((n) => permissionFilter(ability, action, 'Contact', COLUMNS, n));
    if (customFilter) {
      parts.whereRaw(customFilter);
    }
    addCustomerFilters(parts, 'c', query, this.region);
    if (query.companyId) {
      parts.where((p) => `EXISTS (SELECT 1 FROM contact_companies l WHERE l.contact_id = c.id AND l.company_id = ${p})`, query.companyId);
    }
    return parts;
  }

  /** A page of contacts; a search that finds nothing falls back to similar names (typos). */
  list(ability: AppAbility, query: ContactListQuery, customFilter?: CustomFilter): Promise<Page<ContactRow>> {
    return listWithTypoFallback(this.dataSource, LIST, 'c', (q) => this.filterParts(ability, 'read', q, customFilter), query, this.region);
  }

  /** The contact if the ability allows `action` on it; otherwise undefined, as if it did not exist. */
  async findAllowed(ability: AppAbility, action: Action, id: string, manager?: EntityManager): Promise<ContactRow | undefined> {
    const parts = new QueryParts().where((p) => `c.id = ${p}`, id).whereRaw((n) => permissionFilter(ability, action, 'Contact', COLUMNS, n));
    const [row]: ContactRow[] = await (manager ?? this.dataSource).query(`${SELECT_CONTACTS} WHERE ${parts.sql}`, parts.params);
    return row;
  }

  /** Contacts by id that `action` allows, locked for the rest of the transaction (bulk changes). */
  lockAllowed(manager: EntityManager, ability: AppAbility, action: Action, ids: string[]): Promise<{ id: string; owner_id: string; name: string }[]> {
    return lockAllowed(manager, TABLE, ability, action, ids);
  }

  async find(id: string, manager: EntityManager): Promise<ContactRow> {
    const [row]: ContactRow[] = await manager.query(`${SELECT_CONTACTS} WHERE c.id = $1`, [id]);
    return row;
  }

  async insert(manager: EntityManager, contact: ContactWrite & { companies: CompanyLinkWrite[]; createdBy: string }): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO contacts (name, email, phone, addresses, tags, source, lifecycle,
                             email_consent, email_consent_at, email_consent_source, sms_consent, sms_consent_at, sms_consent_source,
                             next_step, next_step_at, owner_id, custom, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
      [
        contact.name, primaryOf(contact.points, 'email'), primaryOf(contact.points, 'phone'), JSON.stringify(contact.addresses), contact.tags,
        contact.source, contact.lifecycle, contact.emailConsent.granted, contact.emailConsent.at, contact.emailConsent.source,
        contact.smsConsent.granted, contact.smsConsent.at, contact.smsConsent.source, contact.nextStep, contact.nextStepAt,
        contact.ownerId, JSON.stringify(contact.custom), contact.createdBy,
      ],
    );
    await replacePoints(manager, 'contact_id', id, contact.points, contact.createdBy);
    await this.replaceCompanies(manager, id, contact.companies, contact.createdBy);
    await this.refreshSearch(manager, [id]);
    return id;
  }

  /**
   * Inserts many contacts with their primary phone and e-mail in one statement (demo data),
   * returning the new ids (in no particular order).
   */
  async insertManyIds(manager: EntityManager, contacts: ContactSeed[], createdBy: string | null): Promise<string[]> {
    const inserted: { id: string }[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO contacts (name, email, phone, owner_id, lifecycle, source, tags, next_step, next_step_at, created_by)
         SELECT name, email, phone, owner_id, coalesce(lifecycle, 'lead'), source, ARRAY(SELECT jsonb_array_elements_text(coalesce(tags, '[]'))),
                next_step, next_step_at, $2
           FROM jsonb_to_recordset($1::jsonb) AS c(name text, email text, phone text, owner_id uuid, lifecycle text, source text, tags jsonb,
                next_step text, next_step_at timestamptz)
         RETURNING id, email, phone),
       points AS (
         INSERT INTO contact_points (contact_id, kind, value, is_primary, position, created_by)
         SELECT id, 'phone', phone, true, 0, $2 FROM inserted WHERE phone IS NOT NULL
         UNION ALL
         SELECT id, 'email', email, true, 1, $2 FROM inserted WHERE email IS NOT NULL)
       SELECT id FROM inserted`,
      [
        JSON.stringify(contacts.map((c) => ({
          name: c.name, email: c.email, phone: c.phone, owner_id: c.ownerId, lifecycle: c.lifecycle, source: c.source, tags: c.tags,
          next_step: c.nextStep, next_step_at: c.nextStepAt,
        }))),
        createdBy,
      ],
    );
    // A separate statement: the points inserted above are not visible to the search document within it.
    const ids = inserted.map((row) => row.id);
    await this.refreshSearch(manager, ids);
    return ids;
  }

  /** Links many contacts to companies in one statement (demo data, later imports) and refreshes their search documents. */
  async insertLinks(manager: EntityManager, links: (CompanyLinkWrite & { contactId: string })[], createdBy: string | null): Promise<void> {
    await manager.query(
      `INSERT INTO contact_companies (contact_id, company_id, job_title, is_primary, created_by)
       SELECT contact_id, company_id, job_title, is_primary, $5 FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::boolean[]) AS l(contact_id, company_id, job_title, is_primary)
       ON CONFLICT DO NOTHING`,
      [links.map((l) => l.contactId), links.map((l) => l.companyId), links.map((l) => l.jobTitle), links.map((l) => l.primary), createdBy],
    );
    await this.refreshSearch(manager, [...new Set(links.map((l) => l.contactId))]);
  }

  /**
   * Writes the changed columns (undefined: unchanged) and, when given, the points and company
   * links; false when the version did not match.
   */
  async update(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Partial<ContactWrite> & { companies?: CompanyLinkWrite[] },
    actorId: string,
  ): Promise<boolean> {
    const updated = await updateVersioned(manager, 'contacts', id, version, {
      name: changes.name,
      email: changes.points && primaryOf(changes.points, 'email'),
      phone: changes.points && primaryOf(changes.points, 'phone'),
      addresses: changes.addresses && JSON.stringify(changes.addresses),
      tags: changes.tags,
      source: changes.source,
      lifecycle: changes.lifecycle,
      email_consent: changes.emailConsent?.granted,
      email_consent_at: changes.emailConsent?.at,
      email_consent_source: changes.emailConsent?.source,
      sms_consent: changes.smsConsent?.granted,
      sms_consent_at: changes.smsConsent?.at,
      sms_consent_source: changes.smsConsent?.source,
      next_step: changes.nextStep,
      next_step_at: changes.nextStepAt,
      owner_id: changes.ownerId,
      custom: changes.custom && JSON.stringify(changes.custom),
    });
    if (!updated) {
      return false;
    }
    if (changes.points) {
      await replacePoints(manager, 'contact_id', id, changes.points, actorId);
    }
    if (changes.companies) {
      await this.replaceCompanies(manager, id, changes.companies, actorId);
    }
    await this.refreshSearch(manager, [id]);
    return true;
  }

  /** Gives the contacts to `ownerId` (the caller checked each one); returns how many changed. */
  reassign(manager: EntityManager, ids: string[], ownerId: string): Promise<number> {
    return reassignOwner(manager, 'contacts', ids, ownerId);
  }

  /** Companies among `ids` the ability may read (linking a contact to a company needs that). */
  /** Makes the contact's company links exactly `links`; unchanged links keep their rows. */
  async replaceCompanies(manager: EntityManager, contactId: string, links: CompanyLinkWrite[], createdBy: string | null): Promise<void> {
    const ids = links.map((l) => l.companyId);
    await manager.query('DELETE FROM contact_companies WHERE contact_id = $1 AND NOT (company_id = ANY($2::uuid[]))', [contactId, ids]);
    if (links.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO contact_companies (contact_id, company_id, job_title, is_primary, created_by)
       SELECT $1, company_id, job_title, is_primary, $5 FROM unnest($2::uuid[], $3::varchar[], $4::boolean[]) AS l(company_id, job_title, is_primary)
       ON CONFLICT (contact_id, company_id) DO UPDATE SET job_title = EXCLUDED.job_title, is_primary = EXCLUDED.is_primary
        WHERE (contact_companies.job_title, contact_companies.is_primary) IS DISTINCT FROM (EXCLUDED.job_title, EXCLUDED.is_primary)`,
      [contactId, ids, links.map((l) => l.jobTitle), links.map((l) => l.primary), createdBy],
    );
  }

  /** Rebuilds the folded search document of contacts after their name, contact points or companies changed. */
  async refreshSearch(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`UPDATE contacts SET search_text = contact_search_document(id) WHERE id = ANY($1)`, [ids]);
    // A deal's search document holds its contact's name.
    await manager.query(
      `UPDATE deals SET search_text = deal_search_document(id) WHERE contact_id = ANY($1::uuid[]) AND search_text IS DISTINCT FROM deal_search_document(id)`,
      [ids],
    );
  }

  /** Rebuilds the search documents of the contacts linked to a company (its name is part of them). */
  async refreshSearchOfCompany(manager: EntityManager, companyId: string): Promise<void> {
    await manager.query(
      `UPDATE contacts SET search_text = contact_search_document(id) WHERE id IN (SELECT contact_id FROM contact_companies WHERE company_id = $1)`,
      [companyId],
    );
  }

  /** Deletes the record; its deals lose the link (ON DELETE SET NULL) and their search documents its name. */
  async delete(manager: EntityManager, id: string, version: number): Promise<boolean> {
    const deals: { id: string }[] = await manager.query('SELECT id FROM deals WHERE contact_id = $1', [id]);
    if (!(await deleteVersioned(manager, 'contacts', id, version))) {
      return false;
    }
    if (deals.length > 0) {
      await manager.query('UPDATE deals SET search_text = deal_search_document(id) WHERE id = ANY($1::uuid[])', [deals.map((d) => d.id)]);
    }
    return true;
  }
}

export const toContactRecord = (row: ContactRow): ContactRecord => ({ id: row.id, name: row.name, ownerId: row.owner_id });
