import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { deleteVersioned, updateVersioned } from '../../common/database/versioned-write';
import type { SalesLabels, StageKind } from './dto/pipeline.dto';

export interface StageRow {
  id: string;
  name: string;
  labels: SalesLabels;
  position: number;
  probability: number;
  kind: StageKind;
}

export interface PipelineRow {
  id: string;
  name: string;
  labels: SalesLabels;
  position: number;
  stale_after_days: number;
  archived: boolean;
  version: number;
  stages: StageRow[];
}

export interface LostReasonRow {
  id: string;
  name: string;
  labels: SalesLabels;
  position: number;
  archived: boolean;
  version: number;
}

export interface StageWrite {
  id?: string;
  name: string;
  labels: SalesLabels;
  probability: number;
  kind: StageKind;
}

const SELECT_PIPELINES = `
  SELECT p.id, p.name, p.labels, p.position, p.stale_after_days, p.archived, p.version,
         (SELECT coalesce(json_agg(json_build_object('id', s.id, 'name', s.name, 'labels', s.labels, 'position', s.position,
                                                     'probability', s.probability, 'kind', s.kind) ORDER BY s.position, s.created_at), '[]')
            FROM pipeline_stages s WHERE s.pipeline_id = p.id) AS stages
    FROM pipelines p`;
const PIPELINE_ORDER = 'ORDER BY p.archived, p.position, p.created_at, p.id';

const SELECT_REASONS = 'SELECT id, name, labels, position, archived, version FROM lost_reasons';

/** SQL for pipelines, their stages and the lost reasons (small tables every sales user reads). */
@Injectable()
export class PipelinesRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(includeArchived: boolean): Promise<PipelineRow[]> {
    return this.dataSource.query(`${SELECT_PIPELINES} ${includeArchived ? '' : 'WHERE NOT p.archived'} ${PIPELINE_ORDER}`);
  }

  async find(id: string, manager?: EntityManager): Promise<PipelineRow | undefined> {
    const [row]: PipelineRow[] = await (manager ?? this.dataSource).query(`${SELECT_PIPELINES} WHERE p.id = $1`, [id]);
    return row;
  }

  /** The first active pipeline: where a deal goes when its creator names none. */
  async firstActive(manager: EntityManager): Promise<PipelineRow | undefined> {
    const [row]: PipelineRow[] = await manager.query(`${SELECT_PIPELINES} WHERE NOT p.archived ${PIPELINE_ORDER} LIMIT 1`);
    return row;
  }

  /** The stage with its pipeline (undefined when there is no such stage). */
  async stage(manager: EntityManager, stageId: string): Promise<(StageRow & { pipeline_id: string }) | undefined> {
    const [row] = await manager.query('SELECT id, pipeline_id, name, labels, position, probability, kind FROM pipeline_stages WHERE id = $1', [stageId]);
    return row;
  }

  async insert(manager: EntityManager, pipeline: { name: string; labels: SalesLabels; staleAfterDays?: number; position?: number; stages: StageWrite[] }, actorId: string): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO pipelines (name, labels, stale_after_days, position, created_by)
       VALUES ($1, $2, coalesce($3::int, 14), coalesce($4::int, (SELECT coalesce(max(position) + 1, 0) FROM pipelines)), $5) RETURNING id`,
      [pipeline.name, JSON.stringify(pipeline.labels), pipeline.staleAfterDays ?? null, pipeline.position ?? null, actorId],
    );
    await this.insertStages(manager, id, pipeline.stages.map((stage, position) => ({ ...stage, position })), actorId);
    return id;
  }

  update(manager: EntityManager, id: string, version: number, changes: { name?: string; labels?: SalesLabels; staleAfterDays?: number; position?: number; archived?: boolean }): Promise<boolean> {
    return updateVersioned(manager, 'pipelines', id, version, {
      name: changes.name,
      labels: changes.labels && JSON.stringify(changes.labels),
      stale_after_days: changes.staleAfterDays,
      position: changes.position,
      archived: changes.archived,
    });
  }

  /** How many deals each of the stages holds now, and whether any deal went through it (its history keeps it). */
  async stagesInUse(manager: EntityManager, stageIds: string[]): Promise<{ id: string; deals: number; history: boolean }[]> {
    return manager.query(
      `SELECT s.id, (SELECT count(*)::int FROM deals d WHERE d.stage_id = s.id) AS deals,
              EXISTS (SELECT 1 FROM deal_stage_history h WHERE h.stage_id = s.id) AS history
         FROM unnest($1::uuid[]) AS s(id)`,
      [stageIds],
    );
  }

  /** Makes the pipeline's stages exactly `stages`, in order: kept ones (with id) change, new ones are added, the rest removed. */
  async replaceStages(manager: EntityManager, pipelineId: string, stages: StageWrite[], removed: string[], actorId: string): Promise<void> {
    if (removed.length > 0) {
      await manager.query('DELETE FROM pipeline_stages WHERE pipeline_id = $1 AND id = ANY($2::uuid[])', [pipelineId, removed]);
    }
    const positioned = stages.map((stage, position) => ({ ...stage, position }));
    for (const stage of positioned.filter((s) => s.id)) {
      await manager.query(
        `UPDATE pipeline_stages SET name = $3, labels = $4, position = $5, probability = $6, kind = $7, updated_at = now(), version = version + 1
          WHERE pipeline_id = $1 AND id = $2
            AND (name, labels, position, probability, kind) IS DISTINCT FROM ($3, $4::jsonb, $5, $6, $7)`,
        [pipelineId, stage.id, stage.name, JSON.stringify(stage.labels), stage.position, stage.probability, stage.kind],
      );
    }
    await this.insertStages(manager, pipelineId, positioned.filter((s) => !s.id), actorId);
  }

  async dealCount(manager: EntityManager, pipelineId: string): Promise<number> {
    const [{ n }] = await manager.query('SELECT count(*)::int AS n FROM deals WHERE pipeline_id = $1', [pipelineId]);
    return n;
  }

  delete(manager: EntityManager, id: string, version: number): Promise<boolean> {
    return deleteVersioned(manager, 'pipelines', id, version);
  }

  lostReasons(): Promise<LostReasonRow[]> {
    return this.dataSource.query(`${SELECT_REASONS} ORDER BY archived, position, created_at, id`);
  }

  async lostReason(id: string, manager?: EntityManager): Promise<LostReasonRow | undefined> {
    const [row]: LostReasonRow[] = await (manager ?? this.dataSource).query(`${SELECT_REASONS} WHERE id = $1`, [id]);
    return row;
  }

  async insertLostReason(manager: EntityManager, reason: { name: string; labels: SalesLabels; position?: number }, actorId: string): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO lost_reasons (name, labels, position, created_by)
       VALUES ($1, $2, coalesce($3::int, (SELECT coalesce(max(position) + 1, 0) FROM lost_reasons)), $4) RETURNING id`,
      [reason.name, JSON.stringify(reason.labels), reason.position ?? null, actorId],
    );
    return id;
  }

  updateLostReason(manager: EntityManager, id: string, version: number, changes: { name?: string; labels?: SalesLabels; position?: number; archived?: boolean }): Promise<boolean> {
    return updateVersioned(manager, 'lost_reasons', id, version, {
      name: changes.name,
      labels: changes.labels && JSON.stringify(changes.labels),
      position: changes.position,
      archived: changes.archived,
    });
  }

  async lostReasonUsed(manager: EntityManager, id: string): Promise<boolean> {
    return (await manager.query('SELECT 1 FROM deals WHERE lost_reason_id = $1 LIMIT 1', [id])).length > 0;
  }

  deleteLostReason(manager: EntityManager, id: string, version: number): Promise<boolean> {
    return deleteVersioned(manager, 'lost_reasons', id, version);
  }

  private async insertStages(manager: EntityManager, pipelineId: string, stages: (StageWrite & { position: number })[], actorId: string): Promise<void> {
    if (stages.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO pipeline_stages (pipeline_id, name, labels, position, probability, kind, created_by)
       SELECT $1, name, labels, position, probability, kind, $7
         FROM unnest($2::varchar[], $3::jsonb[], $4::int[], $5::int[], $6::varchar[]) AS s(name, labels, position, probability, kind)`,
      [pipelineId, stages.map((s) => s.name), stages.map((s) => JSON.stringify(s.labels)), stages.map((s) => s.position), stages.map((s) => s.probability), stages.map((s) => s.kind), actorId],
    );
  }
}
