import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { AppError, ErrorCode, forbidden, notFound, validationError } from '../../common/errors/app-error';
import { idempotent, IdempotentResult } from '../../common/idempotency/idempotency';
import { staleVersion } from '../../common/http/versioning';
import { Actor, changeContextOf } from '../auth/actor';
import type { Subject } from '../permissions/subjects';
import { CustomFieldsService } from './custom-fields.service';
import {
  CreateSavedViewRequest, SavedViewEntity, SavedViewList, SavedViewQuery, SavedViewResponse, UpdateSavedViewRequest,
} from './dto/saved-view.dto';
import { SavedViewRow, SavedViewsRepository } from './saved-views.repository';

const SUBJECT_OF: Record<SavedViewEntity, Subject> = { contact: 'Contact', company: 'Company', deal: 'Deal' };
const MAX_FILTERS = 20;
/** Long enough for a list of 100 owner ids (`owner=<uuid>,<uuid>,…`). */
const MAX_FILTER_LENGTH = 4000;

/**
 * Named list queries. Private to their owner or shared with one of the owner's teams; only the
 * owner changes a view, admins may also delete any. A view one may not see answers 404.
 */
@Injectable()
export class SavedViewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly views: SavedViewsRepository,
    private readonly customFields: CustomFieldsService,
  ) {}

  async list(actor: Actor, entity: SavedViewEntity): Promise<SavedViewList> {
    this.checkReadable(actor, entity);
    return { items: (await this.views.listVisible(actor.id, entity)).map((row) => toSavedViewResponse(row, actor.id)) };
  }

  async get(actor: Actor, id: string): Promise<SavedViewResponse> {
    const row = await this.views.find(id, actor.id);
    if (!row) {
      throw notFound('The saved view');
    }
    this.checkReadable(actor, row.entity);
    return toSavedViewResponse(row, actor.id);
  }

  async create(actor: Actor, request: CreateSavedViewRequest, idempotencyKey?: string): Promise<IdempotentResult<SavedViewResponse>> {
    this.checkReadable(actor, request.entity);
    await this.checkQuery(request.entity, request.query);
    return inActorTransaction(this.dataSource, changeContextOf(actor), (manager) =>
      idempotent(manager, { userId: actor.id, key: idempotencyKey, request, statusCode: 201 }, async () => {
        const teamId = request.teamId ?? null;
        await this.checkTeam(manager, actor, teamId);
        const id = await this.views.insert(manager, { entity: request.entity, name: request.name, query: request.query, ownerId: actor.id, teamId });
        return toSavedViewResponse((await this.views.find(id, actor.id, { manager }))!, actor.id);
      }),
    );
  }

  async update(actor: Actor, id: string, version: number, request: Omit<UpdateSavedViewRequest, 'version'>): Promise<SavedViewResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const row = await this.views.find(id, actor.id, { manager });
      if (!row) {
        throw notFound('The saved view');
      }
      if (row.owner_id !== actor.id) {
        throw forbidden('Only the owner of a saved view may change it');
      }
      if (request.query) {
        await this.checkQuery(row.entity, request.query);
      }
      if (request.teamId !== undefined) {
        await this.checkTeam(manager, actor, request.teamId);
      }
      if (!(await this.views.update(manager, id, version, { name: request.name, query: request.query, teamId: request.teamId }))) {
        throw staleVersion();
      }
      return toSavedViewResponse((await this.views.find(id, actor.id, { manager }))!, actor.id);
    });
  }

  async delete(actor: Actor, id: string, version: number): Promise<void> {
    const admin = actor.ability.can('manage', 'Settings');
    await inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const row = await this.views.find(id, actor.id, { any: admin, manager });
      if (!row) {
        throw notFound('The saved view');
      }
      if (row.owner_id !== actor.id && !admin) {
        throw forbidden('Only the owner of a saved view may delete it');
      }
      if (!(await this.views.delete(manager, id, version))) {
        throw staleVersion();
      }
    });
  }

  private checkReadable(actor: Actor, entity: SavedViewEntity): void {
    if (!actor.ability.can('read', SUBJECT_OF[entity])) {
      throw forbidden(`Your role does not allow reading ${SUBJECT_OF[entity]} records`);
    }
  }

  private async checkTeam(manager: EntityManager, actor: Actor, teamId: string | null): Promise<void> {
    if (teamId !== null && !(await this.views.belongsToTeam(manager, actor.id, teamId))) {
      throw validationError([{ field: 'teamId', message: 'must be a team you are a member or lead of' }]);
    }
  }

  /** The custom field filters must work on the list (known keys, fitting operators and values); other filters are plain text. */
  private async checkQuery(entity: SavedViewEntity, query: SavedViewQuery): Promise<void> {
    const filters = Object.entries(query.filters ?? {});
    if (filters.length > MAX_FILTERS || filters.some(([key, value]) => !/^[A-Za-z][A-Za-z0-9_]{0,49}$/.test(key) || typeof value !== 'string' || value.length > MAX_FILTER_LENGTH)) {
      throw validationError([{ field: 'query.filters', message: `must map up to ${MAX_FILTERS} parameter names to texts of at most ${MAX_FILTER_LENGTH} characters` }]);
    }
    try {
      await this.customFields.listFilter(entity, query.cf);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.Validation) {
        throw validationError((error.extras.errors ?? []).map((e) => ({ ...e, field: `query.${e.field}` })));
      }
      throw error;
    }
  }
}

function toSavedViewResponse(row: SavedViewRow, userId: string): SavedViewResponse {
  return {
    id: row.id,
    entity: row.entity,
    name: row.name,
    query: row.query,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    teamId: row.team_id,
    teamName: row.team_name,
    mine: row.owner_id === userId,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
