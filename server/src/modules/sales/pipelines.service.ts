import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { AppError, ErrorCode, FieldError, notFound, validationError } from '../../common/errors/app-error';
import { idempotent, IdempotentResult } from '../../common/idempotency/idempotency';
import { staleVersion } from '../../common/http/versioning';
import { Actor, changeContextOf } from '../auth/actor';
import {
  CreateLostReasonRequest, CreatePipelineRequest, DeleteResult, LostReasonList, LostReasonResponse, PipelineList, PipelineListQuery, PipelineResponse,
  StageRequest, STAGE_KINDS, UpdateLostReasonRequest, UpdatePipelineRequest,
} from './dto/pipeline.dto';
import { LostReasonRow, PipelineRow, PipelinesRepository, StageWrite } from './pipelines.repository';

/** Pipelines with their ordered stages, and the lost reasons. Route guards check the Pipeline permission. */
@Injectable()
export class PipelinesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pipelines: PipelinesRepository,
  ) {}

  async list(query: PipelineListQuery): Promise<PipelineList> {
    return { items: (await this.pipelines.list(query.archived !== false)).map(toPipelineResponse) };
  }

  async get(id: string): Promise<PipelineResponse> {
    const row = await this.pipelines.find(id);
    if (!row) {
      throw notFound('The pipeline');
    }
    return toPipelineResponse(row);
  }

  create(actor: Actor, request: CreatePipelineRequest, idempotencyKey?: string): Promise<IdempotentResult<PipelineResponse>> {
    const stages = checkStages(request.stages, []);
    return inActorTransaction(this.dataSource, changeContextOf(actor), (manager) =>
      idempotent(manager, { userId: actor.id, key: idempotencyKey, request, statusCode: 201 }, async () => {
        const id = await this.pipelines.insert(manager, { ...request, labels: request.labels ?? {}, stages }, actor.id);
        return toPipelineResponse((await this.pipelines.find(id, manager))!);
      }),
    );
  }

  update(actor: Actor, id: string, version: number, request: Omit<UpdatePipelineRequest, 'version'>): Promise<PipelineResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const row = await this.pipelines.find(id, manager);
      if (!row) {
        throw notFound('The pipeline');
      }
      if (!(await this.pipelines.update(manager, id, version, request))) {
        throw staleVersion();
      }
      if (request.stages) {
        const current = row.stages.map((s) => s.id);
        const stages = checkStages(request.stages, current);
        const kept = new Set(stages.flatMap((s) => (s.id ? [s.id] : [])));
        const removed = current.filter((stageId) => !kept.has(stageId));
        const used = (await this.pipelines.stagesInUse(manager, removed)).filter((s) => s.deals > 0 || s.history);
        if (used.length > 0) {
          const names = used.map((u) => row.stages.find((s) => s.id === u.id)!.name);
          throw new AppError(ErrorCode.Conflict, `These stages hold deals or appear in deals' stage history and cannot be removed: ${names.join(', ')}`, {
            errors: used.map((u) => ({
              field: 'stages',
              message: u.deals > 0 ? `stage ${u.id} still holds ${u.deals} deal(s); move them first` : `stage ${u.id} is in the stage history of deals`,
            })),
          });
        }
        // Deals in a stage whose kind changed would be won or lost without a close date or reason.
        const rekinded = stages.filter((s) => s.id && row.stages.find((c) => c.id === s.id)!.kind !== s.kind).map((s) => s.id!);
        const holding = (await this.pipelines.stagesInUse(manager, rekinded)).filter((s) => s.deals > 0);
        if (holding.length > 0) {
          throw new AppError(ErrorCode.Conflict, 'A stage that holds deals keeps its kind; move the deals first', {
            errors: holding.map((u) => ({ field: 'stages', message: `stage ${u.id} holds ${u.deals} deal(s) and cannot change its kind` })),
          });
        }
        await this.pipelines.replaceStages(manager, id, stages, removed, actor.id);
      }
      return toPipelineResponse((await this.pipelines.find(id, manager))!);
    });
  }

  delete(actor: Actor, id: string, version: number): Promise<void> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      if (!(await this.pipelines.find(id, manager))) {
        throw notFound('The pipeline');
      }
      const deals = await this.pipelines.dealCount(manager, id);
      if (deals > 0) {
        throw new AppError(ErrorCode.Conflict, `The pipeline holds ${deals} deal(s); archive it instead`, { errors: [{ field: 'id', message: 'holds deals' }] });
      }
      if (!(await this.pipelines.delete(manager, id, version))) {
        throw staleVersion();
      }
    });
  }

  async lostReasons(): Promise<LostReasonList> {
    return { items: (await this.pipelines.lostReasons()).map(toLostReasonResponse) };
  }

  createLostReason(actor: Actor, request: CreateLostReasonRequest, idempotencyKey?: string): Promise<IdempotentResult<LostReasonResponse>> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), (manager) =>
      idempotent(manager, { userId: actor.id, key: idempotencyKey, request, statusCode: 201 }, async () => {
        const id = await this.pipelines.insertLostReason(manager, { ...request, labels: request.labels ?? {} }, actor.id);
        return toLostReasonResponse((await this.pipelines.lostReason(id, manager))!);
      }),
    );
  }

  updateLostReason(actor: Actor, id: string, version: number, request: Omit<UpdateLostReasonRequest, 'version'>): Promise<LostReasonResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      if (!(await this.pipelines.lostReason(id, manager))) {
        throw notFound('The lost reason');
      }
      if (!(await this.pipelines.updateLostReason(manager, id, version, request))) {
        throw staleVersion();
      }
      return toLostReasonResponse((await this.pipelines.lostReason(id, manager))!);
    });
  }

  /** Deletes a reason no deal has; one that some deal has is archived (it stays on those deals). */
  deleteLostReason(actor: Actor, id: string, version: number): Promise<DeleteResult> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      if (!(await this.pipelines.lostReason(id, manager))) {
        throw notFound('The lost reason');
      }
      if (await this.pipelines.lostReasonUsed(manager, id)) {
        if (!(await this.pipelines.updateLostReason(manager, id, version, { archived: true }))) {
          throw staleVersion();
        }
        return { result: 'archived' as const };
      }
      if (!(await this.pipelines.deleteLostReason(manager, id, version))) {
        throw staleVersion();
      }
      return { result: 'deleted' as const };
    });
  }
}

/** A stage list must have an open, a won and a lost stage; kept stages must be the pipeline's own, each once. */
function checkStages(stages: StageRequest[], current: string[]): StageWrite[] {
  const errors: FieldError[] = [];
  for (const kind of STAGE_KINDS) {
    if (!stages.some((s) => s.kind === kind)) {
      errors.push({ field: 'stages', message: `needs at least one ${kind} stage` });
    }
  }
  const seen = new Set<string>();
  stages.forEach((stage, i) => {
    if (stage.id && (!current.includes(stage.id) || seen.has(stage.id))) {
      errors.push({ field: `stages[${i}].id`, message: 'is not a stage of this pipeline (or appears twice)' });
    }
    if (stage.id) {
      seen.add(stage.id);
    }
  });
  if (errors.length > 0) {
    throw validationError(errors);
  }
  return stages.map((s) => ({ id: s.id, name: s.name, labels: s.labels ?? {}, probability: s.probability, kind: s.kind }));
}

export const toPipelineResponse = (row: PipelineRow): PipelineResponse => ({
  id: row.id,
  name: row.name,
  labels: row.labels,
  position: row.position,
  staleAfterDays: row.stale_after_days,
  archived: row.archived,
  version: row.version,
  stages: row.stages,
});

const toLostReasonResponse = (row: LostReasonRow): LostReasonResponse => ({
  id: row.id, name: row.name, labels: row.labels, position: row.position, archived: row.archived, version: row.version,
});
