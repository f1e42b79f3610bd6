import { createHmac } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';

const SEAL_LOCK = 72_404_202;
const GENESIS = 'crm-audit-genesis';
const BATCH = 5_000;

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
}

interface EventRow {
  id: string;
  tx_id: string;
  canonical: string;
}

export interface ChainHead {
  seq: number;
  eventId: string;
  hash: string;
}

/**
 * The keyed hash chain over audit events. Sealing follows commit order: it takes only events
 * whose transactions are older than every running one (`pg_snapshot_xmin`), in (transaction,
 * id) order, so a late commit can never slip in behind a sealed event. Each seal appends the new
 * head to a file outside the database, so deleting the newest sealed events is noticed too.
 */
export class AuditChain {
  constructor(
    private readonly dataSource: DataSource,
    private readonly key: string,
    private readonly headFile: string,
    private readonly onSeal: (head: ChainHead, count: number) => void = () => undefined,
  ) {}

  /** Seals every event whose transaction has finished; returns how many were sealed. */
  async seal(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.sealBatch();
      total += sealed;
      if (sealed < BATCH) {
        return total;
      }
    }
  }

  private async sealBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]); // one sealer at a time, across instances
      const [last] = await manager.query(`SELECT seq, event_id, tx_id::text AS tx_id, hash FROM audit.chain ORDER BY seq DESC LIMIT 1`);
      const rows: EventRow[] = await manager.query(
        `SELECT id::text, tx_id::text, ${CANONICAL} AS canonical
           FROM audit.events e
          WHERE e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
            AND ($1::xid8 IS NULL OR (e.tx_id, e.id) > ($1::xid8, $2::bigint))
          ORDER BY e.tx_id, e.id
          LIMIT ${BATCH}`,
        [last?.tx_id ?? null, last?.event_id ?? null],
      );
      if (rows.length === 0) {
        return 0;
      }
      let seq = Number(last?.seq ?? 0);
      let previous: string = last?.hash ?? GENESIS;
      const seqs: number[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        previous = this.hash(previous, row.canonical);
        seqs.push(++seq);
        hashes.push(previous);
      }
      await manager.query(
        `INSERT INTO audit.chain (seq, event_id, tx_id, hash)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::xid8[], $4::text[])`,
        [seqs, rows.map((r) => r.id), rows.map((r) => r.tx_id), hashes],
      );
      const head = { seq, eventId: rows[rows.length - 1].id, hash: previous };
      this.appendHead(head);
      this.onSeal(head, rows.length);
      return rows.length;
    });
  }

  /** Seals what is pending, then checks the whole chain and the recorded head. */
  async verify(): Promise<VerifyResult> {
    await this.seal();
    let checked = 0;
    let expectedSeq = 1;
    let previous = GENESIS;
    let afterSeq = 0;
    for (;;) {
      const rows: { seq: string; event_id: string; hash: string; canonical: string | null }[] = await this.dataSource.query(
        `SELECT c.seq::text, c.event_id::text, c.hash, CASE WHEN e.id IS NOT NULL THEN ${CANONICAL} END AS canonical
           FROM audit.chain c LEFT JOIN audit.events e ON e.id = c.event_id
          WHERE c.seq > $1 ORDER BY c.seq LIMIT 10000`,
        [afterSeq],
      );
      for (const row of rows) {
        if (Number(row.seq) !== expectedSeq || row.canonical === null || this.hash(previous, row.canonical) !== row.hash) {
          return { ok: false, checked, firstBrokenId: row.event_id };
        }
        previous = row.hash;
        expectedSeq += 1;
        checked += 1;
      }
      if (rows.length < 10000) {
        break;
      }
      afterSeq = Number(rows[rows.length - 1].seq);
    }
    const [orphan] = await this.dataSource.query(
      `SELECT min(e.id)::text AS id FROM audit.events e
        WHERE NOT EXISTS (SELECT 1 FROM audit.chain c WHERE c.event_id = e.id)
          AND (e.tx_id, e.id) < (SELECT tx_id, event_id FROM audit.chain ORDER BY seq DESC LIMIT 1)`,
    );
    if (orphan?.id) {
      return { ok: false, checked, firstBrokenId: orphan.id };
    }
    const head = this.lastHead();
    if (head && (head.seq > checked || (await this.hashAt(head.seq)) !== head.hash)) {
      return { ok: false, checked, firstBrokenId: head.eventId };
    }
    return { ok: true, checked, firstBrokenId: null };
  }

  private hash(previous: string, canonical: string): string {
    return createHmac('sha256', this.key).update(previous).update('\n').update(canonical).digest('hex');
  }

  private async hashAt(seq: number): Promise<string | undefined> {
    const [row] = await this.dataSource.query('SELECT hash FROM audit.chain WHERE seq = $1', [seq]);
    return row?.hash;
  }

  private appendHead(head: ChainHead): void {
    mkdirSync(dirname(this.headFile), { recursive: true });
    appendFileSync(this.headFile, `${JSON.stringify({ ...head, at: new Date().toISOString() })}\n`, { mode: 0o600 });
  }

  private lastHead(): ChainHead | undefined {
    if (!existsSync(this.headFile)) {
      return undefined;
    }
    const lines = readFileSync(this.headFile, 'utf8').trimEnd().split('\n');
    const last = lines[lines.length - 1];
    return last ? (JSON.parse(last) as ChainHead) : undefined;
  }
}

/** The sealed form of an event: every column, in a fixed order, with jsonb in PostgreSQL's normal form. */
const CANONICAL = `json_build_array(e.id::text, e.tx_id::text, (extract(epoch FROM e.occurred_at) * 1000000)::bigint::text,
  e.actor_id, e.ip, e.request_id, e.kind, e.action, e.table_name, e.record_id, e.changes::text, e.details::text)::text`;
