import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../common/config/app-config';
import { inActorTransaction, SYSTEM_CONTEXT } from '../../../common/database/actor-transaction';
import { BackgroundJobs } from '../../../common/jobs/background-jobs';
import { AuditService } from '../../audit/audit.service';
import { ImportsRepository } from './imports.repository';

/** The nightly job that removes uploaded files older than CRM_IMPORT_FILE_DAYS (03:17 in CRM_TIME_ZONE). */
export const FILE_RETENTION_QUEUE = 'import-file-retention';
const FILE_RETENTION_CRON = '17 3 * * *';
/** Files one pass reads before it looks again. */
const BATCH = 200;

/**
 * Uploaded import files hold customers' personal data: they are kept CRM_IMPORT_FILE_DAYS days,
 * then removed, each removal recorded in the audit trail. The import keeps its counts and the
 * reasons of its failed rows; its preview, run and failed-rows CSV answer 410 from then on.
 */
@Injectable()
export class ImportFileRetention {
  private readonly logger = new Logger(ImportFileRetention.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly imports: ImportsRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'dataDir' | 'importFileDays'>,
  ) {}

  /** Removes the files past their time; returns how many. */
  async removeExpired(): Promise<number> {
    const days = this.config.importFileDays;
    let removed = 0;
    for (;;) {
      const expired = await this.imports.filesPastRetention(days, BATCH);
      for (const row of expired) {
        // The file goes first: should marking the import fail, the next pass finds it again, and
        // until then a missing file reads as not kept.
        await rm(join(this.config.dataDir, row.storage_key), { force: true });
        await inActorTransaction(this.dataSource, SYSTEM_CONTEXT, async (manager) => {
          await this.imports.markFileRemoved(manager, row.id);
          await this.audit.record(
            {
              action: 'import.file.removed',
              context: SYSTEM_CONTEXT,
              tableName: 'imports',
              recordId: row.id,
              details: { fileName: row.file_name, uploadedAt: row.created_at.toISOString(), keptDays: days },
            },
            manager,
          );
        });
        removed += 1;
      }
      if (expired.length < BATCH) {
        break;
      }
    }
    if (removed > 0) {
      this.logger.log(`removed ${removed} import files older than ${days} days`);
    }
    return removed;
  }
}

/** Plans the retention as a nightly background job (the command line runs it by hand instead). */
@Injectable()
export class ImportFileRetentionJob implements OnModuleInit {
  constructor(
    private readonly jobs: BackgroundJobs,
    private readonly retention: ImportFileRetention,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: FILE_RETENTION_QUEUE, cron: FILE_RETENTION_CRON, run: async () => void (await this.retention.removeExpired()) });
  }
}
