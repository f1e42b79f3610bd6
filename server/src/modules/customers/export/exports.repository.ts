import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { keysetPage } from '../../../common/http/keyset';
import type { AppAbility } from '../../permissions/ability';
import { permissionFilter } from '../../permissions/permission-filter';
import { CompaniesRepository, LIST as COMPANY_LIST } from '../companies.repository';
import { ContactsRepository, LIST as CONTACT_LIST } from '../contacts.repository';
import type { CustomFilter } from '../customer-queries';
import type { CompanyExportQuery, ContactExportQuery } from './dto/export.dto';

/** One exported record, every column the export can have (field limits are applied later). */
export interface ExportRow {
  id: string;
  name: string;
  emails: string | null;
  phones: string | null;
  tags: string[];
  source: string | null;
  lifecycle: string;
  address: { line1?: string; city?: string; region?: string; postalCode?: string; country?: string } | null;
  custom: Record<string, unknown>;
  owner_id: string;
  owner_login: string;
  owner_name: string;
  created_at: Date;
  updated_at: Date;
  /** Contacts: linked companies and job titles. */
  companies?: string | null;
  job_titles?: string | null;
  /** Companies. */
  tax_id?: string | null;
  legal_form?: string | null;
  industry?: string | null;
  size?: string | null;
  website?: string | null;
}

const BATCH = 1_000;

const POINTS = (kind: 'email' | 'phone', column: 'contact_id' | 'company_id', alias: string, fallback: string): string =>
  `coalesce((SELECT string_agg(p.value, '; ' ORDER BY p.position) FROM contact_points p WHERE p.${column} = ${alias}.id AND p.kind = '${kind}'), ${fallback})`;

const SELECT_CONTACTS = `
  SELECT c.id, c.name, ${POINTS('email', 'contact_id', 'c', 'c.email')} AS emails, ${POINTS('phone', 'contact_id', 'c', 'c.phone')} AS phones,
         c.tags, c.source, c.lifecycle, c.addresses -> 0 AS address, c.custom, c.owner_id, o.login AS owner_login,
         o.display_name AS owner_name, c.created_at, c.updated_at,
         (SELECT string_agg(co.name, '; ' ORDER BY l.is_primary DESC, co.name) FROM contact_companies l JOIN companies co ON co.id = l.company_id WHERE l.contact_id = c.id) AS companies,
         (SELECT string_agg(l.job_title, '; ' ORDER BY l.is_primary DESC) FROM contact_companies l WHERE l.contact_id = c.id) AS job_titles
    FROM contacts c JOIN users o ON o.id = c.owner_id`;

const SELECT_COMPANIES = `
  SELECT co.id, co.name, ${POINTS('email', 'company_id', 'co', 'co.email')} AS emails, ${POINTS('phone', 'company_id', 'co', 'co.phone')} AS phones,
         co.tags, co.source, co.lifecycle, co.addresses -> 0 AS address, co.custom, co.owner_id, o.login AS owner_login,
         o.display_name AS owner_name, co.created_at, co.updated_at, co.tax_id, co.legal_form, co.industry, co.size, co.website
    FROM companies co JOIN users o ON o.id = co.owner_id`;


/** Reads what an export streams: the list's rows, filtered by the read AND export rules, from one snapshot. */
@Injectable()
export class ExportsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsRepository,
    private readonly companies: CompaniesRepository,
  ) {}

  contactRows(ability: AppAbility, query: ContactExportQuery, customFilter?: CustomFilter): AsyncGenerator<ExportRow> {
    // The list's own filter builder, so that an export holds exactly the rows the list shows.
    const filter = this.contacts.filterParts(ability, 'read', query, customFilter).whereRaw((n) => permissionFilter(ability, 'export', 'Contact', { ownerId: 'c.owner_id', id: 'c.id' }, n));
    const { orderBy } = keysetPage(CONTACT_LIST.sorts, 'c.id', query, filter.nextParam, CONTACT_LIST.defaultSort);
    return this.stream(`${SELECT_CONTACTS} WHERE ${filter.sql} ORDER BY ${orderBy}`, filter.params);
  }

  companyRows(ability: AppAbility, query: CompanyExportQuery, customFilter?: CustomFilter): AsyncGenerator<ExportRow> {
    const filter = this.companies.filterParts(ability, 'read', query, customFilter).whereRaw((n) => permissionFilter(ability, 'export', 'Company', { ownerId: 'co.owner_id', id: 'co.id' }, n));
    const { orderBy } = keysetPage(COMPANY_LIST.sorts, 'co.id', query, filter.nextParam, COMPANY_LIST.defaultSort);
    return this.stream(`${SELECT_COMPANIES} WHERE ${filter.sql} ORDER BY ${orderBy}`, filter.params);
  }

  /** Streams a query through a cursor in a read-only snapshot, so neither side holds every row. */
  async *stream<Row = ExportRow>(sql: string, params: unknown[]): AsyncGenerator<Row> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let finished = false;
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await runner.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const rows: Row[] = await runner.query(`FETCH ${BATCH} FROM export_rows`);
        yield* rows;
        if (rows.length < BATCH) {
          break;
        }
      }
      await runner.query('COMMIT');
      finished = true;
    } finally {
      // A download cut short ends here too: the snapshot is let go before the connection returns to the pool.
      if (!finished) {
        await runner.query('ROLLBACK').catch(() => undefined);
      }
      await runner.release();
    }
  }
}
