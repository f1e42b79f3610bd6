import { Injectable, Logger } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Actor, changeContextOf } from '../../auth/actor';
import { AppAbility, permittedFields } from '../../permissions/ability';
import type { Subject } from '../../permissions/subjects';
import { CompanyExportQuery, ContactExportQuery } from './dto/export.dto';
import { CustomFieldsService } from '../custom-fields.service';
import { ExportRow, ExportsRepository } from './exports.repository';

type ExportEntity = 'contact' | 'company';

/** A column of the file: its header, the record field whose read limit applies, and its value. */
interface Column {
  header: string;
  field: string;
  value(row: ExportRow): string | number | Date | null;
}

/** Fields every reader of a record sees; field limits apply to the others. */
const ALWAYS_VISIBLE = new Set(['id', 'ownerId', 'ownerName', 'createdAt', 'updatedAt']);

const address = (part: 'line1' | 'city' | 'region' | 'postalCode' | 'country') => (row: ExportRow): string | null => row.address?.[part] ?? null;

const HEAD: Column[] = [
  { header: 'ID', field: 'id', value: (r) => r.id },
  { header: 'Name', field: 'name', value: (r) => r.name },
];
const COMMON: Column[] = [
  { header: 'Email', field: 'email', value: (r) => r.emails },
  { header: 'Phone', field: 'phone', value: (r) => r.phones },
  { header: 'Tags', field: 'tags', value: (r) => r.tags.join(', ') },
  { header: 'Source', field: 'source', value: (r) => r.source },
  { header: 'Lifecycle', field: 'lifecycle', value: (r) => r.lifecycle },
  { header: 'Street', field: 'addresses', value: address('line1') },
  { header: 'City', field: 'addresses', value: address('city') },
  { header: 'Region', field: 'addresses', value: address('region') },
  { header: 'Postal code', field: 'addresses', value: address('postalCode') },
  { header: 'Country', field: 'addresses', value: address('country') },
];
const TAIL: Column[] = [
  { header: 'Owner', field: 'ownerId', value: (r) => r.owner_login },
  { header: 'Owner name', field: 'ownerName', value: (r) => r.owner_name },
  { header: 'Created at', field: 'createdAt', value: (r) => r.created_at },
  { header: 'Updated at', field: 'updatedAt', value: (r) => r.updated_at },
];

const COLUMNS: Record<ExportEntity, Column[]> = {
  contact: [
    ...HEAD,
    ...COMMON.slice(0, 2),
    { header: 'Company', field: 'companies', value: (r) => r.companies ?? null },
    { header: 'Job title', field: 'companies', value: (r) => r.job_titles ?? null },
    ...COMMON.slice(2),
  ],
  company: [
    ...HEAD,
    { header: 'Tax ID', field: 'taxId', value: (r) => r.tax_id ?? null },
    { header: 'Legal form', field: 'legalForm', value: (r) => r.legal_form ?? null },
    { header: 'Industry', field: 'industry', value: (r) => r.industry ?? null },
    { header: 'Size', field: 'size', value: (r) => r.size ?? null },
    { header: 'Website', field: 'website', value: (r) => r.website ?? null },
    ...COMMON,
  ],
};

const SUBJECT: Record<ExportEntity, Subject> = { contact: 'Contact', company: 'Company' };

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Readable;
}

/** Exports of the contacts and companies lists as CSV or XLSX, streamed and audited. */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger('ExportsService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly exports: ExportsRepository,
    private readonly audit: AuditService,
    private readonly customFields: CustomFieldsService,
  ) {}

  async contacts(actor: Actor, query: ContactExportQuery): Promise<ExportFile> {
    return this.export(actor, 'contact', query, this.exports.contactRows(actor.ability, query, await this.customFields.listFilter('contact', query.cf)));
  }

  async companies(actor: Actor, query: CompanyExportQuery): Promise<ExportFile> {
    return this.export(actor, 'company', query, this.exports.companyRows(actor.ability, query, await this.customFields.listFilter('company', query.cf)));
  }

  private async export(actor: Actor, entity: ExportEntity, query: ContactExportQuery | CompanyExportQuery, rows: AsyncGenerator<ExportRow>): Promise<ExportFile> {
    const { format = 'csv', ...filters } = query;
    const custom: { key: string; labels: Record<string, string> }[] = await this.dataSource.query(
      `SELECT key, labels FROM custom_field_definitions WHERE entity = $1 AND active ORDER BY position, key`,
      [entity],
    );
    const all = [
      ...COLUMNS[entity],
      ...custom.map((field): Column => ({ header: field.labels.en ?? field.key, field: 'custom', value: (r) => customCell(r.custom[field.key]) })),
      ...TAIL,
    ];
    const readable = readableAnywhere(actor.ability, SUBJECT[entity]);
    const columns = readable ? all.filter((c) => ALWAYS_VISIBLE.has(c.field) || readable.has(c.field)) : all;
    const cells = (row: ExportRow): (string | number | Date | null)[] => {
      // Limits can depend on the record (a rule for own records only), so each row is checked.
      const allowed = readable ? permittedFields(actor.ability, 'read', SUBJECT[entity], { id: row.id, ownerId: row.owner_id }) : undefined;
      return columns.map((c) => (!allowed || ALWAYS_VISIBLE.has(c.field) || allowed.has(c.field) ? c.value(row) : null));
    };
    const counted = this.audited(actor, entity, { filters, format }, rows);
    const date = new Date().toISOString().slice(0, 10);
    const base = `${entity === 'contact' ? 'contacts' : 'companies'}-${date}`;
    const headers = columns.map((c) => c.header);
    return format === 'xlsx'
      ? { fileName: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: xlsx(headers, counted, cells, this.logger) }
      : { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: Readable.from(csv(headers, counted, cells)) };
  }

  /** Counts the rows as they go out and records the export when the stream ends, however it ends. */
  private async *audited(actor: Actor, entity: ExportEntity, details: Record<string, unknown>, rows: AsyncGenerator<ExportRow>): AsyncGenerator<ExportRow> {
    let count = 0;
    let complete = false;
    try {
      for await (const row of rows) {
        count++;
        yield row;
      }
      complete = true;
    } finally {
      await this.audit.record({
        action: entity === 'contact' ? 'contacts.exported' : 'companies.exported',
        context: changeContextOf(actor),
        tableName: entity === 'contact' ? 'contacts' : 'companies',
        details: { ...details, rows: count, complete },
      });
    }
  }
}

/** The fields some read rule allows, or undefined when a rule allows every field. */
function readableAnywhere(ability: AppAbility, subject: Subject): Set<string> | undefined {
  const rules = ability.rulesFor('read', subject).filter((rule) => !rule.inverted);
  if (rules.length === 0 || rules.some((rule) => !rule.fields)) {
    return undefined;
  }
  return new Set(rules.flatMap((rule) => ([] as string[]).concat(rule.fields ?? [])));
}

function customCell(value: unknown): string | number | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'number') {
    return value;
  }
  return Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const CSV_BATCH = 500;

/** UTF-8 with BOM, so that Excel reads Azerbaijani letters; formulas are defused. */
async function* csv(headers: string[], rows: AsyncIterable<ExportRow>, cells: (row: ExportRow) => (string | number | Date | null)[]): AsyncGenerator<string> {
  yield `\uFEFF${stringify([headers])}`;
  let batch: string[][] = [];
  for await (const row of rows) {
    batch.push(cells(row).map(csvText));
    if (batch.length === CSV_BATCH) {
      yield stringify(batch);
      batch = [];
    }
  }
  if (batch.length > 0) {
    yield stringify(batch);
  }
}

function csvText(value: string | number | Date | null): string {
  if (value === null) {
    return '';
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  const text = String(value);
  // A cell starting with =, +, - or @ runs as a formula in a spreadsheet; phone numbers (+994…) are harmless.
  return /^[=+\-@\t\r]/.test(text) && !/^\+[\d ;]+$/.test(text) ? `'${text}` : text;
}

/** An XLSX workbook written row by row (exceljs' streaming writer), never whole in memory. */
function xlsx(headers: string[], rows: AsyncIterable<ExportRow>, cells: (row: ExportRow) => (string | number | Date | null)[], logger: Logger): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Export', { views: [{ state: 'frozen', ySplit: 1 }] });
  const write = async (): Promise<void> => {
    sheet.addRow(headers).commit();
    for await (const row of rows) {
      sheet.addRow(cells(row)).commit();
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => {
    logger.error({ err: error }, 'the XLSX export stopped');
    out.destroy(error as Error);
  });
  return out;
}
