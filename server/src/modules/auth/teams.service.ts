import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { AppError, ErrorCode, notFound, validationError } from '../../common/errors/app-error';
import { Page } from '../../common/http/page';
import { staleVersion } from '../../common/http/versioning';
import { Actor, changeContextOf } from './actor';
import { ActorCache, changingAuth } from './actor.cache';
import { CreateTeamRequest, TeamListQuery, TeamResponse, UpdateTeamRequest } from './dto/team.dto';
import { TeamsRepository } from './teams.repository';
import { UsersRepository } from './users.repository';

/** Administration of teams, their lead and members. */
@Injectable()
export class TeamsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actorCache: ActorCache,
    private readonly teams: TeamsRepository,
    private readonly users: UsersRepository,
  ) {}

  list(actor: Actor, query: TeamListQuery): Promise<Page<TeamResponse>> {
    return this.teams.list(actor.ability, query);
  }

  async get(id: string): Promise<TeamResponse> {
    return (await this.teams.find(id)) ?? throwNotFound();
  }

  async create(actor: Actor, request: CreateTeamRequest): Promise<TeamResponse> {
    return changingAuth(this.actorCache, () => inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      await this.validate(manager, request);
      const id = await this.teams.insert(manager, { name: request.name, leadId: request.leadId ?? null, createdBy: actor.id });
      await this.teams.setMembers(manager, id, request.memberIds ?? []);
      return (await this.teams.find(id, manager))!;
    }));
  }

  async update(actor: Actor, id: string, version: number, request: Omit<UpdateTeamRequest, 'version'>): Promise<TeamResponse> {
    return changingAuth(this.actorCache, () => inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      if (!(await this.teams.find(id, manager))) {
        throwNotFound();
      }
      await this.validate(manager, request, id);
      if (!(await this.teams.update(manager, id, version, request))) {
        throw staleVersion();
      }
      if (request.memberIds) {
        await this.teams.setMembers(manager, id, request.memberIds);
      }
      return (await this.teams.find(id, manager))!;
    }));
  }

  async delete(actor: Actor, id: string, version: number): Promise<void> {
    await changingAuth(this.actorCache, () => inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      if (!(await this.teams.find(id, manager))) {
        throwNotFound();
      }
      if (!(await this.teams.delete(manager, id, version))) {
        throw staleVersion();
      }
    }));
  }

  private async validate(manager: EntityManager, request: Partial<CreateTeamRequest>, id?: string): Promise<void> {
    if (request.name !== undefined && (await this.teams.nameTaken(manager, request.name, id))) {
      throw new AppError(ErrorCode.Conflict, `A team named "${request.name}" exists`, { errors: [{ field: 'name', message: 'is taken' }] });
    }
    const userIds = [...(request.leadId ? [request.leadId] : []), ...(request.memberIds ?? [])];
    const missing = userIds.length ? await this.users.missingIds(manager, 'users', userIds) : [];
    if (missing.length > 0) {
      throw validationError([{ field: request.leadId && missing.includes(request.leadId) ? 'leadId' : 'memberIds', message: `unknown users: ${missing.join(', ')}` }]);
    }
  }
}

function throwNotFound(): never {
  throw notFound('The team');
}
