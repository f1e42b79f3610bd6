import { Inject, Injectable, Logger, PayloadTooLargeException } from '@nestjs/common';
import type { MultipartFile } from '@fastify/multipart';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { forbidden, notFound, validationError } from '../../common/errors/app-error';
import { Page } from '../../common/http/page';
import { AuditService } from '../audit/audit.service';
import { Actor, changeContextOf } from '../auth/actor';
import { AttachmentRow, AttachmentsRepository } from './attachments.repository';
import { AttachmentListQuery, AttachmentResponse } from './dto/attachment.dto';
import { RecordEntity, requireRecord } from './record-access';

const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

export interface AttachmentDownload {
  attachment: AttachmentResponse;
  content: Readable;
}

/**
 * Files attached to contacts and companies. The file is stored under a random key (never the
 * user's file name); reading follows the parent record's read rule, uploading and deleting its
 * update rule, and every download is audited.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger('AttachmentsService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly attachments: AttachmentsRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, entity: RecordEntity, recordId: string, query: AttachmentListQuery): Promise<Page<AttachmentResponse>> {
    await requireRecord(this.dataSource, actor.ability, entity, recordId);
    const page = await this.attachments.list(entity, recordId, query);
    return { ...page, items: page.items.map(toAttachmentResponse) };
  }

  /** Checks the parent first, then streams the file to disk while hashing it; too big answers 413 and keeps nothing. */
  async upload(actor: Actor, entity: RecordEntity, recordId: string, file: () => Promise<MultipartFile | undefined>): Promise<AttachmentResponse> {
    await requireRecord(this.dataSource, actor.ability, entity, recordId, 'update');
    const part = await file();
    if (part === undefined) {
      throw validationError([{ field: 'file', message: 'a file is required (multipart/form-data)' }]);
    }
    await mkdir(this.config.attachmentsDir, { recursive: true, mode: 0o750 });
    const storageKey = randomBytes(24).toString('hex');
    const path = this.pathOf(storageKey);
    const hash = createHash('sha256');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(part.file, measure, createWriteStream(path, { flags: 'wx', mode: 0o640 }));
      if (part.file.truncated) {
        throw new PayloadTooLargeException(`The file is larger than the allowed ${this.config.attachmentMaxBytes} bytes`);
      }
      return await inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
        // The parent may have been deleted or given away while the file was uploading.
        await requireRecord(manager, actor.ability, entity, recordId, 'update');
        const id = await this.attachments.insert(manager, {
          entity,
          recordId,
          fileName: cleanFileName(part.filename),
          contentType: CONTENT_TYPE.test(part.mimetype) ? part.mimetype.toLowerCase() : 'application/octet-stream',
          sizeBytes: size,
          sha256: hash.digest('hex'),
          storageKey,
          createdBy: actor.id,
        });
        return toAttachmentResponse(await this.attachments.find(manager, id));
      });
    } catch (error) {
      await this.removeFile(storageKey);
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new PayloadTooLargeException(`The file is larger than the allowed ${this.config.attachmentMaxBytes} bytes`);
      }
      throw error;
    }
  }

  async download(actor: Actor, id: string): Promise<AttachmentDownload> {
    const row = await this.attachments.findAllowed(actor.ability, 'read', id);
    if (!row) {
      throw notFound('The attachment');
    }
    const content = createReadStream(this.pathOf(row.storage_key));
    await new Promise<void>((resolve, reject) => {
      content.once('open', () => resolve());
      content.once('error', reject);
    }).catch((error: unknown) => {
      this.logger.error(`attachment ${row.id}: its file ${row.storage_key} cannot be read: ${String(error)}`);
      throw notFound('The file of the attachment');
    });
    await this.audit.record({
      action: 'attachment.downloaded',
      context: changeContextOf(actor),
      tableName: 'attachments',
      recordId: row.id,
      details: { contactId: row.contact_id, companyId: row.company_id, dealId: row.deal_id, fileName: row.file_name, sha256: row.sha256 },
    });
    return { attachment: toAttachmentResponse(row), content };
  }

  /** Deletes the metadata in an audited transaction; the file goes once that has committed. */
  async delete(actor: Actor, id: string): Promise<void> {
    const storageKey = await inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const row = await this.attachments.findAllowed(actor.ability, 'read', id, manager);
      if (!row) {
        throw notFound('The attachment');
      }
      if (!(await this.attachments.findAllowed(actor.ability, 'update', id, manager))) {
        throw forbidden('Your role does not allow changing the record this file belongs to');
      }
      await this.attachments.delete(manager, id);
      return row.storage_key;
    });
    await this.removeFile(storageKey);
  }

  /**
   * Runs `remove`, which deletes a contact or company, in an audited transaction and, once that
   * has committed, deletes the files of the record's attachments (their rows go with the record).
   */
  async deleteRecordWithFiles(
    actor: Actor,
    entity: RecordEntity,
    recordId: string,
    remove: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    const storageKeys = await inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const keys = await this.attachments.storageKeysOf(manager, entity, recordId);
      await remove(manager);
      return keys;
    });
    for (const key of storageKeys) {
      await this.removeFile(key);
    }
  }

  private pathOf(storageKey: string): string {
    return join(this.config.attachmentsDir, storageKey);
  }

  private async removeFile(storageKey: string): Promise<void> {
    await unlink(this.pathOf(storageKey)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') {
        this.logger.warn(`could not remove attachment file ${storageKey}: ${error.message}`);
      }
    });
  }
}

/** The name as the user gave it, without folders or control characters; only ever shown and sent back. */
function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean === '' ? 'file' : clean).slice(0, 255);
}

function toAttachmentResponse(row: AttachmentRow): AttachmentResponse {
  return {
    id: row.id,
    contactId: row.contact_id,
    companyId: row.company_id,
    dealId: row.deal_id,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    createdByName: row.created_by_name,
  };
}
