import { Inject, Injectable } from '@nestjs/common';
import type { CountryCode } from 'libphonenumber-js';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { KeysetListSpec, keysetList } from '../../common/database/keyset-list';
import { QueryParts } from '../../common/database/query-parts';
import { deleteVersioned, updateVersioned } from '../../common/database/versioned-write';
import { Page } from '../../common/http/page';
import type { ListQuery } from '../../common/http/list-query';
import type { AppAbility } from '../permissions/ability';
import { ColumnMap, permissionFilter } from '../permissions/permission-filter';
import type { Action } from '../permissions/subjects';
import { ContactPoint, phoneRegion } from './contact-points';
import {
  addCustomerFilters, CustomerTable, CustomFilter, customerSorts, listWithTypoFallback, lockAllowed, pointsJson, primaryOf, reassignOwner, replacePoints,
} from './customer-queries';
import type { CompanyListQuery, CompanySize } from './dto/company.dto';
import type { AddressResponse, Lifecycle, Source } from './dto/customer-parts.dto';

export interface CompanyRow {
  id: string;
  name: string;
  legal_form: string | null;
  tax_id: string | null;
  industry: string | null;
  size: CompanySize | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  points: ContactPoint[];
  addresses: AddressResponse[];
  tags: string[];
  source: Source | null;
  lifecycle: Lifecycle;
  last_contacted_at: Date | null;
  next_step: string | null;
  next_step_at: Date | null;
  owner_id: string;
  owner_name: string;
  custom: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
  version: number;
}

/** The stored columns of a company as the service writes them. */
export interface CompanyWrite {
  name: string;
  legalForm: string | null;
  taxId: string | null;
  industry: string | null;
  size: CompanySize | null;
  website: string | null;
  points: ContactPoint[];
  addresses: AddressResponse[];
  tags: string[];
  source: Source | null;
  lifecycle: Lifecycle;
  nextStep: string | null;
  nextStepAt: string | null;
  ownerId: string;
  custom: Record<string, unknown>;
}

/** A contact linked to a company, as the company card lists it. */
export interface CompanyContactRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  job_title: string | null;
  is_primary: boolean;
  owner_id: string;
  owner_name: string;
}

const COLUMNS: ColumnMap = { ownerId: 'co.owner_id', id: 'co.id' };
const TABLE: CustomerTable = { table: 'companies', alias: 'co', subject: 'Company', columns: COLUMNS };
const CONTACT_COLUMNS: ColumnMap = { ownerId: 'c.owner_id', id: 'c.id' };

const SELECT_COMPANIES = `
  SELECT co.id, co.name, co.legal_form, co.tax_id, co.industry, co.size, co.website, co.email, co.phone,
         co.addresses, co.tags, co.source, co.lifecycle, co.last_contacted_at, co.next_step, co.next_step_at,
         co.owner_id, o.display_name AS owner_name, co.custom, co.created_at, co.updated_at, co.created_by, co.version,
         ${pointsJson('company_id', 'co.id')} AS points
    FROM companies co JOIN users o ON o.id = co.owner_id`;

export const LIST: KeysetListSpec<CompanyRow> = {
  select: SELECT_COMPANIES,
  countFrom: 'companies co',
  idColumn: 'co.id',
  defaultSort: '-updatedAt',
  sorts: customerSorts<CompanyRow>('co'),
};

const CONTACTS_OF_COMPANY: KeysetListSpec<CompanyContactRow> = {
  select: `
    SELECT c.id, c.name, c.email, c.phone, l.job_title, l.is_primary, c.owner_id, o.display_name AS owner_name
      FROM contact_companies l JOIN contacts c ON c.id = l.contact_id JOIN users o ON o.id = c.owner_id`,
  countFrom: 'contact_companies l JOIN contacts c ON c.id = l.contact_id',
  idColumn: 'c.id',
  defaultSort: 'name',
  sorts: { name: { sql: 'c.name', type: 'text', value: (r) => r.name } },
};

/** SQL for companies. Every read is filtered by the caller's permission rules in SQL. */
@Injectable()
export class CompaniesRepository {
  private readonly region: CountryCode;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'defaultPhoneRegion'>,
  ) {
    this.region = phoneRegion(config.defaultPhoneRegion) ?? 'AZ';
  }

  /** The WHERE parts of a company list: permission rules for `action` and the query's filters (export reuses them). */
  filterParts(ability: AppAbility, action: Action, query: CompanyListQuery, customFilter?: CustomFilter): QueryParts {
    const parts = new QueryParts().whereRaw((n) => permissionFilter(ability, action, 'Company', COLUMNS, n));
    if (customFilter) {
      parts.whereRaw(customFilter);
    }
    return addCustomerFilters(parts, 'co', query, this.region);
  }

  /** A page of companies; a search that finds nothing falls back to similar names (typos). */
  list(ability: AppAbility, query: CompanyListQuery, customFilter?: CustomFilter): Promise<Page<CompanyRow>> {
    return listWithTypoFallback(this.dataSource, LIST, 'co', (q) => this.filterParts(ability, 'read', q, customFilter), query, this.region);
  }

  async findAllowed(ability: AppAbility, action: Action, id: string, manager?: EntityManager): Promise<CompanyRow | undefined> {
    const parts = new QueryParts().where((p) => `co.id = ${p}`, id).whereRaw((n) => permissionFilter(ability, action, 'Company', COLUMNS, n));
    const [row]: CompanyRow[] = await (manager ?? this.dataSource).query(`${SELECT_COMPANIES} WHERE ${parts.sql}`, parts.params);
    return row;
  }

  async find(id: string, manager: EntityManager): Promise<CompanyRow> {
    const [row]: CompanyRow[] = await manager.query(`${SELECT_COMPANIES} WHERE co.id = $1`, [id]);
    return row;
  }

  /** The contacts linked to a company that the ability may read, by name. */
  contacts(ability: AppAbility, companyId: string, query: Pick<ListQuery, 'cursor' | 'limit'>): Promise<Page<CompanyContactRow>> {
    const parts = new QueryParts().where((p) => `l.company_id = ${p}`, companyId).whereRaw((n) => permissionFilter(ability, 'read', 'Contact', CONTACT_COLUMNS, n));
    return keysetList(this.dataSource, CONTACTS_OF_COMPANY, parts, { ...query, sort: 'name' });
  }

  /** Companies by id that `action` allows, locked for the rest of the transaction (bulk changes). */
  lockAllowed(manager: EntityManager, ability: AppAbility, action: Action, ids: string[]): Promise<{ id: string; owner_id: string; name: string }[]> {
    return lockAllowed(manager, TABLE, ability, action, ids);
  }

  async insert(manager: EntityManager, company: CompanyWrite & { createdBy: string | null }): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO companies (name, legal_form, tax_id, industry, size, website, email, phone, addresses, tags, source, lifecycle,
                              next_step, next_step_at, owner_id, custom, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [
        company.name, company.legalForm, company.taxId, company.industry, company.size, company.website,
        primaryOf(company.points, 'email'), primaryOf(company.points, 'phone'), JSON.stringify(company.addresses), company.tags,
        company.source, company.lifecycle, company.nextStep, company.nextStepAt, company.ownerId, JSON.stringify(company.custom), company.createdBy,
      ],
    );
    await replacePoints(manager, 'company_id', id, company.points, company.createdBy);
    await this.refreshSearch(manager, [id]);
    return id;
  }

  async update(manager: EntityManager, id: string, version: number, changes: Partial<CompanyWrite>, actorId: string): Promise<boolean> {
    const updated = await updateVersioned(manager, 'companies', id, version, {
      name: changes.name,
      legal_form: changes.legalForm,
      tax_id: changes.taxId,
      industry: changes.industry,
      size: changes.size,
      website: changes.website,
      email: changes.points && primaryOf(changes.points, 'email'),
      phone: changes.points && primaryOf(changes.points, 'phone'),
      addresses: changes.addresses && JSON.stringify(changes.addresses),
      tags: changes.tags,
      source: changes.source,
      lifecycle: changes.lifecycle,
      next_step: changes.nextStep,
      next_step_at: changes.nextStepAt,
      owner_id: changes.ownerId,
      custom: changes.custom && JSON.stringify(changes.custom),
    });
    if (!updated) {
      return false;
    }
    if (changes.points) {
      await replacePoints(manager, 'company_id', id, changes.points, actorId);
    }
    await this.refreshSearch(manager, [id]);
    return true;
  }

  reassign(manager: EntityManager, ids: string[], ownerId: string): Promise<number> {
    return reassignOwner(manager, 'companies', ids, ownerId);
  }

  /** Ids of the contacts linked to a company (their search documents contain its name). */
  async linkedContactIds(manager: EntityManager, companyId: string): Promise<string[]> {
    const rows: { contact_id: string }[] = await manager.query('SELECT contact_id FROM contact_companies WHERE company_id = $1', [companyId]);
    return rows.map((r) => r.contact_id);
  }

  async refreshSearch(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`UPDATE companies SET search_text = company_search_document(id) WHERE id = ANY($1)`, [ids]);
    // A deal's search document holds its company's name.
    await manager.query(
      `UPDATE deals SET search_text = deal_search_document(id) WHERE company_id = ANY($1::uuid[]) AND search_text IS DISTINCT FROM deal_search_document(id)`,
      [ids],
    );
  }

  /** Inserts companies (demo data, later imports) with their primary phone point; returns their ids in order. */
  async insertMany(manager: EntityManager, companies: { name: string; taxId: string | null; industry: string | null; phone: string | null; ownerId: string }[], createdBy: string | null): Promise<string[]> {
    const inserted: { id: string }[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO companies (name, tax_id, industry, phone, owner_id, created_by)
         SELECT name, tax_id, industry, phone, owner_id, $6
           FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::uuid[]) WITH ORDINALITY AS c(name, tax_id, industry, phone, owner_id, n)
          ORDER BY n
         RETURNING id, phone),
       points AS (
         INSERT INTO contact_points (company_id, kind, value, is_primary, position, created_by)
         SELECT id, 'phone', phone, true, 0, $6 FROM inserted WHERE phone IS NOT NULL)
       SELECT id FROM inserted`,
      [companies.map((c) => c.name), companies.map((c) => c.taxId), companies.map((c) => c.industry), companies.map((c) => c.phone), companies.map((c) => c.ownerId), createdBy],
    );
    const ids = inserted.map((row) => row.id);
    await this.refreshSearch(manager, ids);
    return ids;
  }

  /** Deletes the record; its deals lose the link (ON DELETE SET NULL) and their search documents its name. */
  async delete(manager: EntityManager, id: string, version: number): Promise<boolean> {
    const deals: { id: string }[] = await manager.query('SELECT id FROM deals WHERE company_id = $1', [id]);
    if (!(await deleteVersioned(manager, 'companies', id, version))) {
      return false;
    }
    if (deals.length > 0) {
      await manager.query('UPDATE deals SET search_text = deal_search_document(id) WHERE id = ANY($1::uuid[])', [deals.map((d) => d.id)]);
    }
    return true;
  }
}

