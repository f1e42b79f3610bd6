import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetListSpec, keysetList } from '../../common/database/keyset-list';
import { QueryParts } from '../../common/database/query-parts';
import { Page } from '../../common/http/page';
import type { AppAbility } from '../permissions/ability';
import { RECORD_TABLES, recordCondition, RecordEntity } from './record-access';

export interface AttachmentRow {
  id: string;
  contact_id: string | null;
  company_id: string | null;
  deal_id: string | null;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
}

export interface NewAttachment {
  entity: RecordEntity;
  recordId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  createdBy: string;
}

const SELECT_ATTACHMENTS = `
  SELECT a.id, a.contact_id, a.company_id, a.deal_id, a.file_name, a.content_type, a.size_bytes, a.sha256, a.storage_key,
         a.created_at, a.created_by, u.display_name AS created_by_name
    FROM attachments a LEFT JOIN users u ON u.id = a.created_by`;

const LIST: KeysetListSpec<AttachmentRow> = {
  select: SELECT_ATTACHMENTS,
  countFrom: 'attachments a',
  idColumn: 'a.id',
  defaultSort: '-createdAt',
  sorts: { createdAt: { sql: 'a.created_at', type: 'timestamptz', value: (r) => r.created_at } },
};

/** Metadata of attached files; the files themselves are on the attachments volume. */
@Injectable()
export class AttachmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The attachments of one record; the caller has checked that it may read the record. */
  list(entity: RecordEntity, recordId: string, query: { cursor?: string; limit?: number }): Promise<Page<AttachmentRow>> {
    const parts = new QueryParts().where((p) => `a.${RECORD_TABLES[entity].linkColumn} = ${p}`, recordId);
    return keysetList(this.dataSource, LIST, parts, query);
  }

  /** The attachment if the ability allows `action` on the contact, company or deal it belongs to. */
  async findAllowed(ability: AppAbility, action: 'read' | 'update', id: string, manager?: EntityManager): Promise<AttachmentRow | undefined> {
    const parts = new QueryParts().where((p) => `a.id = ${p}`, id);
    const contact = recordCondition(ability, action, 'contact', 'a.contact_id', parts.nextParam);
    parts.params.push(...contact.params);
    const company = recordCondition(ability, action, 'company', 'a.company_id', parts.nextParam);
    parts.params.push(...company.params);
    const deal = recordCondition(ability, action, 'deal', 'a.deal_id', parts.nextParam);
    parts.params.push(...deal.params);
    const [row]: AttachmentRow[] = await (manager ?? this.dataSource).query(
      `${SELECT_ATTACHMENTS} WHERE ${parts.sql} AND (${contact.sql} OR ${company.sql} OR ${deal.sql})`,
      parts.params,
    );
    return row;
  }

  async find(manager: EntityManager, id: string): Promise<AttachmentRow> {
    const [row]: AttachmentRow[] = await manager.query(`${SELECT_ATTACHMENTS} WHERE a.id = $1`, [id]);
    return row;
  }

  async insert(manager: EntityManager, attachment: NewAttachment): Promise<string> {
    const column = RECORD_TABLES[attachment.entity].linkColumn;
    const [{ id }] = await manager.query(
      `INSERT INTO attachments (${column}, file_name, content_type, size_bytes, sha256, storage_key, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [attachment.recordId, attachment.fileName, attachment.contentType, attachment.sizeBytes, attachment.sha256, attachment.storageKey, attachment.createdBy],
    );
    return id;
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query('DELETE FROM attachments WHERE id = $1', [id]);
  }

  /** The storage keys of a record's files (their rows go with the record). */
  async storageKeysOf(manager: EntityManager, entity: RecordEntity, recordId: string): Promise<string[]> {
    const rows: { storage_key: string }[] = await manager.query(
      `SELECT storage_key FROM attachments WHERE ${RECORD_TABLES[entity].linkColumn} = $1`,
      [recordId],
    );
    return rows.map((row) => row.storage_key);
  }
}
