import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { CountryCode } from 'libphonenumber-js';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../common/config/app-config';
import { inActorTransaction } from '../../../common/database/actor-transaction';
import { AppError, ErrorCode, forbidden, notFound, validationError } from '../../../common/errors/app-error';
import { AuditService } from '../../audit/audit.service';
import { Actor, changeContextOf } from '../../auth/actor';
import { asSubject, permittedFields } from '../../permissions/ability';
import { phoneRegion } from '../contact-points';
import type { Subject } from '../../permissions/subjects';
import {
  ImportMappingRequest, ImportPreviewResponse, ImportResponse, ImportUploadResponse,
} from './dto/import.dto';
import { FileTable, fileTypeOf, readFileTable } from './import-files';
import { ImportRecord, RowContext, RowError, validateRow } from './import-rows';
import {
  CUSTOM_PREFIX, CustomFieldDefinition, ImportEntity, isKnownTarget, isMultiTarget, suggestMapping, TARGETS,
} from './import-targets';
import { DuplicateHandling, ImportRow, ImportsRepository, MergeCounts } from './imports.repository';

const SUBJECT: Record<ImportEntity, Subject> = { contact: 'Contact', company: 'Company' };
const SAMPLE_ROWS = 20;
const PROGRESS_EVERY = 10_000;
const ABANDONED = 'Nothing was imported: the server stopped during the import; upload the file again to import it';
/** How many uploads keep their parsed rows in memory for the preview and run that follow. */
const PARSED_KEPT = 2;

/** The record field a target writes, for field limits of roles. */
const FIELD_OF: Record<string, string> = {
  firstName: 'name', lastName: 'name', street: 'addresses', city: 'addresses', region: 'addresses', postalCode: 'addresses',
  country: 'addresses', whatsapp: 'contactPoints', telegram: 'contactPoints', web: 'contactPoints', company: 'companies',
  jobTitle: 'companies', owner: 'ownerId',
};

export interface UploadedFile {
  fileName: string;
  content: Buffer;
}

/** Imports of contacts and companies: upload, mapping, preview and the set-based run. */
@Injectable()
export class ImportsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ImportsService');
  private readonly running = new Set<Promise<unknown>>();
  private readonly region: CountryCode;
  /**
   * The latest uploads' files as parsed at upload, so that a preview and the run need not parse
   * them again; an import not here (older, or uploaded through another instance) reads its file.
   */
  private readonly parsed = new Map<string, FileTable>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly imports: ImportsRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'dataDir' | 'defaultPhoneRegion' | 'importFileDays'>,
  ) {
    this.region = phoneRegion(config.defaultPhoneRegion) ?? 'AZ';
  }

  /** Imports left running by a server that stopped are failed when an instance starts. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const failed = await this.imports.failAbandoned(ABANDONED);
      if (failed.length > 0) {
        this.logger.warn(`imports ${failed.map((r) => r.id).join(', ')} were left running by a server that stopped; marked failed, nothing of them was applied`);
      }
    } catch (error) {
      this.logger.error({ err: error }, 'could not check for imports left running');
    }
  }

  /** Lets runs in the background finish before the database closes. */
  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  async upload(actor: Actor, entity: ImportEntity, file: UploadedFile): Promise<ImportUploadResponse> {
    this.checkMayImport(actor, entity);
    const fileType = fileTypeOf(file.fileName, file.content.subarray(0, 512));
    if (!fileType) {
      throw validationError([{ field: 'file', message: 'must be a CSV, XLSX or vCard (.vcf) file' }]);
    }
    const table = await readFileTable(fileType, file.content);
    if (table.headers.length === 0) {
      throw validationError([{ field: 'file', message: 'has no header row' }]);
    }
    const id = randomUUID();
    const storageKey = `imports/${id}.${fileType === 'vcard' ? 'vcf' : fileType}`;
    await mkdir(join(this.config.dataDir, 'imports'), { recursive: true, mode: 0o700 });
    await writeFile(join(this.config.dataDir, storageKey), file.content, { mode: 0o600 });
    const row = await this.imports.insert({
      id, entity, file_name: file.fileName.slice(0, 255), file_type: fileType, storage_key: storageKey, headers: table.headers,
      total_rows: table.rows.length, created_by: actor.id,
    });
    this.keepParsed(id, table);
    const custom = await this.imports.activeCustomFields(entity);
    return {
      id: row.id,
      entity,
      fileName: row.file_name,
      fileType,
      headers: table.headers,
      sampleRows: table.rows.slice(0, SAMPLE_ROWS).map((r) => table.headers.map((_, i) => r.cells[i] ?? '')),
      totalRows: table.rows.length,
      suggestedMapping: suggestMapping(entity, table.headers, custom),
      targets: [
        ...Object.entries(TARGETS[entity]).map(([target, spec]) => ({ target, multi: spec.multi === true })),
        ...custom.map((field) => ({ target: `${CUSTOM_PREFIX}${field.key}`, multi: false, labels: field.labels })),
      ],
    };
  }

  /** The import and its progress; one that its server stopped running is failed first. */
  async get(actor: Actor, id: string): Promise<ImportResponse> {
    const row = await this.findVisible(actor, id);
    const [failed] = row.status === 'running' ? await this.imports.failAbandoned(ABANDONED, id) : [];
    return toImportResponse(failed ?? row);
  }

  /** The rows that were not applied, as in the file, with the reasons in a last column. */
  async failedRowsCsv(actor: Actor, id: string): Promise<string> {
    const row = await this.findVisible(actor, id);
    const table = await this.readTable(row);
    const reasons = new Map<number, string[]>();
    for (const error of row.errors) {
      reasons.set(error.row, [...(reasons.get(error.row) ?? []), `${error.field}: ${error.message}`]);
    }
    const failed = table.rows.filter((r) => reasons.has(r.row));
    return `\uFEFF${stringify([[...table.headers, 'Row', 'Errors'], ...failed.map((r) => [...table.headers.map((_, i) => r.cells[i] ?? ''), String(r.row), reasons.get(r.row)!.join('; ')])])}`;
  }

  async preview(actor: Actor, id: string, request: ImportMappingRequest): Promise<ImportPreviewResponse> {
    const row = await this.findVisible(actor, id);
    this.checkMayImport(actor, row.entity);
    const table = await this.readTable(row);
    const { records, errors } = await this.validate(actor, row, table, request);
    const duplicates = request.options?.duplicates ?? 'skip';
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let outcome: MergeCounts & { duplicates: number };
    try {
      outcome = await this.decide(runner.manager, actor, row.entity, records, duplicates, request.mapping);
    } finally {
      // A preview changes nothing: whatever the staging did is rolled back.
      await runner.rollbackTransaction();
      await runner.release();
    }
    const errorsByRow = new Map<number, RowError[]>();
    for (const error of [...errors, ...outcome.errors]) {
      errorsByRow.set(error.row, [...(errorsByRow.get(error.row) ?? []), error]);
    }
    const allErrors = [...errors, ...outcome.errors].sort((a, b) => a.row - b.row);
    return {
      totalRows: table.rows.length,
      valid: records.length,
      invalid: table.rows.length - records.length,
      duplicates: outcome.duplicates,
      willCreate: outcome.created,
      willUpdate: outcome.updated,
      willSkip: outcome.skipped,
      rows: table.rows.slice(0, SAMPLE_ROWS).map((r) => ({
        row: r.row,
        values: valuesOf(table, request.mapping, r.cells),
        errors: errorsByRow.get(r.row) ?? [],
        action: outcome.actions.get(r.row),
      })),
      errors: allErrors.slice(0, 100),
    };
  }

  /** Starts the run in the background of this process and answers at once. */
  async start(actor: Actor, id: string, request: ImportMappingRequest): Promise<ImportResponse> {
    const { row, table } = await this.claim(actor, id, request);
    const run = this.execute(actor, row, table, request).finally(() => this.running.delete(run));
    this.running.add(run);
    return toImportResponse((await this.imports.findVisible(id, actor.id, true))!);
  }

  /** Runs to the end (the command line). */
  async runToEnd(actor: Actor, id: string, request: ImportMappingRequest): Promise<ImportResponse> {
    const { row, table } = await this.claim(actor, id, request);
    await this.execute(actor, row, table, request);
    return toImportResponse((await this.imports.findVisible(id, actor.id, true))!);
  }

  private async claim(actor: Actor, id: string, request: ImportMappingRequest): Promise<{ row: ImportRow; table: FileTable }> {
    const row = await this.findVisible(actor, id);
    this.checkMayImport(actor, row.entity);
    const table = await this.readTable(row);
    // Problems with the mapping or the default owner are answered now, before anything runs.
    await this.rowContext(actor, row, table, request);
    if (!(await this.imports.claim(id, request.mapping, { duplicates: request.options?.duplicates ?? 'skip', ownerId: request.options?.ownerId }))) {
      throw new AppError(ErrorCode.Conflict, `The import is ${row.status === 'uploaded' ? 'already running' : row.status}; upload the file again to import it once more`);
    }
    return { row, table };
  }

  /**
   * Validates every row, stages the valid ones with COPY and merges them in one transaction
   * that also marks the import done: either every valid row is applied or, on an unexpected
   * error, nothing is and the import is failed.
   */
  private async execute(actor: Actor, row: ImportRow, table: FileTable, request: ImportMappingRequest): Promise<void> {
    try {
      const duplicates = request.options?.duplicates ?? 'skip';
      await inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
        await this.imports.holdRun(manager, row.id);
        const { records, errors } = await this.validate(actor, row, table, request, (done) => this.imports.progress(row.id, done));
        const outcome = await this.decide(manager, actor, row.entity, records, duplicates, request.mapping);
        await this.imports.apply(manager, row.entity, actor.id);
        const allErrors = [...errors, ...outcome.errors].sort((a, b) => a.row - b.row);
        const result = { total: table.rows.length, created: outcome.created, updated: outcome.updated, skipped: outcome.skipped, errors: allErrors };
        await this.imports.finish(manager, row.id, result);
        await this.audit.record(
          {
            action: 'import.completed',
            context: changeContextOf(actor),
            tableName: 'imports',
            recordId: row.id,
            details: { entity: row.entity, fileName: row.file_name, total: result.total, created: result.created, updated: result.updated, skipped: result.skipped, failed: new Set(allErrors.map((e) => e.row)).size, duplicates },
          },
          manager,
        );
      });
    } catch (error) {
      this.logger.error({ err: error, importId: row.id }, `import ${row.id} failed; nothing was applied`);
      await this.imports.fail(row.id, `Nothing was imported: ${error instanceof AppError ? error.detail : 'an unexpected error stopped the import'}`);
    } finally {
      // Done or failed, its rows are no longer needed in memory (the failed-rows file reads the stored file).
      this.parsed.delete(row.id);
    }
  }

  private async decide(
    manager: EntityManager, actor: Actor, entity: ImportEntity, records: ImportRecord[], duplicates: DuplicateHandling, mapping: Record<string, string>,
  ): Promise<MergeCounts & { duplicates: number }> {
    await this.imports.createStage(manager);
    await this.imports.stage(manager, records);
    await this.imports.decide(manager, entity, actor.ability, duplicates);
    if (entity === 'contact' && Object.values(mapping).includes('company')) {
      await this.imports.resolveCompanies(manager, actor.ability, actor.ability.can('create', 'Company'), actor.id);
    }
    const outcome = await this.imports.outcome(manager);
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM import_stage WHERE dup_of IS NOT NULL OR target_id IS NOT NULL`);
    return { ...outcome, duplicates: n };
  }

  private async validate(
    actor: Actor, row: ImportRow, table: FileTable, request: ImportMappingRequest, progress?: (done: number) => Promise<void>,
  ): Promise<{ records: ImportRecord[]; errors: RowError[] }> {
    const context = await this.rowContext(actor, row, table, request);
    const records: ImportRecord[] = [];
    const errors: RowError[] = [];
    for (let start = 0; start < table.rows.length; start += PROGRESS_EVERY) {
      for (const fileRow of table.rows.slice(start, start + PROGRESS_EVERY)) {
        const result = validateRow(context, fileRow);
        if (result.record) {
          records.push(result.record);
        } else {
          errors.push(...result.errors);
        }
      }
      await progress?.(Math.min(start + PROGRESS_EVERY, table.rows.length));
    }
    return { records, errors };
  }

  private async rowContext(actor: Actor, row: ImportRow, table: FileTable, request: ImportMappingRequest): Promise<RowContext> {
    const custom = await this.imports.activeCustomFields(row.entity);
    this.checkMapping(row.entity, table.headers, request.mapping, custom);
    this.checkWritableFields(actor, row.entity, request.mapping);
    const users = await this.imports.activeUsers();
    const byName = new Map<string, string>();
    for (const user of users) {
      byName.set(user.login.toLowerCase(), user.id);
      if (user.email) {
        byName.set(user.email.toLowerCase(), user.id);
      }
    }
    const defaultOwnerId = request.options?.ownerId ?? actor.id;
    if (!users.some((u) => u.id === defaultOwnerId)) {
      throw validationError([{ field: 'options.ownerId', message: 'is not an active user' }]);
    }
    const problems = new Map<string, string | undefined>();
    const ownerProblem = (userId: string): string | undefined => {
      if (!problems.has(userId)) {
        problems.set(userId, this.ownerProblem(actor, row.entity, userId));
      }
      return problems.get(userId);
    };
    const defaultProblem = ownerProblem(defaultOwnerId);
    if (defaultProblem) {
      throw forbidden(`${defaultProblem} (options.ownerId)`);
    }
    return {
      entity: row.entity,
      mapping: request.mapping,
      headers: table.headers,
      custom: new Map(custom.map((field) => [field.key, field])),
      defaultOwnerId,
      phoneRegion: this.region,
      findOwner: (text) => byName.get(text.trim().toLowerCase()),
      ownerProblem,
    };
  }

  private ownerProblem(actor: Actor, entity: ImportEntity, ownerId: string): string | undefined {
    const record = asSubject(SUBJECT[entity], { ownerId });
    if (!actor.ability.can('create', record)) {
      return `your role does not allow creating a ${entity} for this owner`;
    }
    if (ownerId !== actor.id && !actor.ability.can('assign', record)) {
      return `your role does not allow assigning ${entity === 'contact' ? 'contacts' : 'companies'} to other users`;
    }
    return undefined;
  }

  private checkMapping(entity: ImportEntity, headers: string[], mapping: Record<string, string>, custom: CustomFieldDefinition[]): void {
    const errors: { field: string; message: string }[] = [];
    const used = new Set<string>();
    for (const [header, target] of Object.entries(mapping)) {
      if (!headers.includes(header)) {
        errors.push({ field: `mapping.${header}`, message: 'is not a column of the file' });
      } else if (typeof target !== 'string' || !isKnownTarget(entity, target, custom)) {
        errors.push({ field: `mapping.${header}`, message: `"${String(target)}" is not a field of a ${entity}` });
      } else if (used.has(target) && !isMultiTarget(entity, target)) {
        errors.push({ field: `mapping.${header}`, message: `${target} is mapped from more than one column` });
      }
      used.add(target);
    }
    if (!['name', 'firstName', 'lastName'].some((t) => used.has(t))) {
      errors.push({ field: 'mapping', message: 'map a column to name' });
    }
    if (errors.length > 0) {
      throw validationError(errors);
    }
  }

  private checkWritableFields(actor: Actor, entity: ImportEntity, mapping: Record<string, string>): void {
    const writable = permittedFields(actor.ability, 'create', SUBJECT[entity], { ownerId: actor.id });
    if (!writable) {
      return;
    }
    const fields = Object.values(mapping).map((t) => (t.startsWith(CUSTOM_PREFIX) ? 'custom' : (FIELD_OF[t] ?? t)));
    const refused = [...new Set(fields.filter((f) => f !== 'ownerId' && !writable.has(f)))];
    if (refused.length > 0) {
      throw forbidden(`Your role does not allow setting: ${refused.join(', ')}`);
    }
  }

  private checkMayImport(actor: Actor, entity: ImportEntity): void {
    if (!actor.ability.can('create', SUBJECT[entity])) {
      throw forbidden(`Your role does not allow creating ${entity === 'contact' ? 'contacts' : 'companies'}, so it cannot import them`);
    }
  }

  /** Only the uploader sees an import, and administrators; for anyone else it does not exist. */
  private async findVisible(actor: Actor, id: string): Promise<ImportRow> {
    const row = await this.imports.findVisible(id, actor.id, actor.ability.can('manage', 'all'));
    if (!row) {
      throw notFound('The import');
    }
    return row;
  }

  private async readTable(row: ImportRow): Promise<FileTable> {
    const table = row.file_removed_at === null ? (this.parsed.get(row.id) ?? (await this.readStoredFile(row))) : undefined;
    if (table) {
      return table;
    }
    throw new AppError(
      ErrorCode.Gone,
      `The uploaded file of this import is no longer kept (files are kept for ${this.config.importFileDays} days); upload it again to import it`,
    );
  }

  /** The stored file as parsed; undefined when it is missing. */
  private async readStoredFile(row: ImportRow): Promise<FileTable | undefined> {
    const content = await readFile(join(this.config.dataDir, row.storage_key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        return undefined;
      }
      throw error;
    });
    return content && readFileTable(row.file_type, content);
  }

  private keepParsed(id: string, table: FileTable): void {
    this.parsed.set(id, table);
    for (const oldest of [...this.parsed.keys()].slice(0, -PARSED_KEPT)) {
      this.parsed.delete(oldest);
    }
  }
}

function valuesOf(table: FileTable, mapping: Record<string, string>, cells: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  table.headers.forEach((header, i) => {
    const target = mapping[header];
    const cell = cells[i] ?? '';
    if (target && cell !== '') {
      values[target] = values[target] ? `${values[target]}; ${cell}` : cell;
    }
  });
  return values;
}

export function toImportResponse(row: ImportRow): ImportResponse {
  return {
    id: row.id,
    entity: row.entity,
    status: row.status,
    fileName: row.file_name,
    fileType: row.file_type,
    headers: row.headers,
    totalRows: row.total_rows,
    processedRows: row.processed_rows,
    createdCount: row.created_count,
    updatedCount: row.updated_count,
    skippedCount: row.skipped_count,
    failedCount: row.failed_count,
    errors: row.errors,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    fileRemovedAt: row.file_removed_at?.toISOString() ?? null,
  };
}
