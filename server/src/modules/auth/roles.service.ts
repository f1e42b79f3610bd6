import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { AppError, ErrorCode, notFound, validationError } from '../../common/errors/app-error';
import { staleVersion } from '../../common/http/versioning';
import { AuditService } from '../audit/audit.service';
import { OWNED_SUBJECTS, RoleRule } from '../permissions/subjects';
import { Actor, changeContextOf } from './actor';
import { ActorCache, changingAuth } from './actor.cache';
import { CreateRoleRequest, RoleResponse, UpdateRoleRequest } from './dto/role.dto';
import { RolesRepository } from './roles.repository';

/** Administration of roles. Built-in roles are read-only; admins define their own beside them. */
@Injectable()
export class RolesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actorCache: ActorCache,
    private readonly roles: RolesRepository,
    private readonly audit: AuditService,
  ) {}

  list(actor: Actor): Promise<RoleResponse[]> {
    return this.roles.list(actor.ability);
  }

  async get(id: string): Promise<RoleResponse> {
    return (await this.roles.find(id)) ?? throwNotFound();
  }

  async create(actor: Actor, request: CreateRoleRequest): Promise<RoleResponse> {
    checkRules(request.rules);
    return changingAuth(this.actorCache, () => inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      if (await this.roles.nameTaken(manager, request.name)) {
        throw new AppError(ErrorCode.Conflict, `A role named "${request.name}" exists`, { errors: [{ field: 'name', message: 'is taken' }] });
      }
      const id = await this.roles.insert(manager, { ...request, description: request.description ?? '', createdBy: actor.id });
      await this.audit.record({ action: 'role.rules.changed', context: changeContextOf(actor), tableName: 'roles', recordId: id, details: { rules: request.rules } }, manager);
      return (await this.roles.find(id, manager))!;
    }));
  }

  async update(actor: Actor, id: string, version: number, request: Omit<UpdateRoleRequest, 'version'>): Promise<RoleResponse> {
    if (request.rules) {
      checkRules(request.rules);
    }
    return changingAuth(this.actorCache, () => inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const existing = (await this.roles.find(id, manager)) ?? throwNotFound();
      refuseBuiltIn(existing);
      if (request.name && request.name !== existing.name && (await this.roles.nameTaken(manager, request.name))) {
        throw new AppError(ErrorCode.Conflict, `A role named "${request.name}" exists`, { errors: [{ field: 'name', message: 'is taken' }] });
      }
      if (!(await this.roles.update(manager, id, version, request))) {
        throw staleVersion();
      }
      if (request.rules) {
        await this.audit.record(
          { action: 'role.rules.changed', context: changeContextOf(actor), tableName: 'roles', recordId: id, details: { before: existing.rules, after: request.rules } },
          manager,
        );
      }
      return (await this.roles.find(id, manager))!;
    }));
  }

  async delete(actor: Actor, id: string, version: number): Promise<void> {
    await changingAuth(this.actorCache, () => inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const existing = (await this.roles.find(id, manager)) ?? throwNotFound();
      refuseBuiltIn(existing);
      if (existing.userCount > 0) {
        throw new AppError(ErrorCode.Conflict, `The role is held by ${existing.userCount} user(s); take it from them first`);
      }
      if (!(await this.roles.delete(manager, id, version))) {
        throw staleVersion();
      }
    }));
  }
}

/** `own` and `team` only mean something on subjects whose rows have an owner. */
function checkRules(rules: RoleRule[]): void {
  const errors = rules.flatMap((rule, index) =>
    rule.scope !== 'all' && rule.subject !== 'all' && !OWNED_SUBJECTS.includes(rule.subject)
      ? [{ field: `rules.${index}.scope`, message: `${rule.subject} records have no owner; use scope "all"` }]
      : [],
  );
  if (errors.length > 0) {
    throw validationError(errors);
  }
}

function refuseBuiltIn(role: RoleResponse): void {
  if (role.builtIn) {
    throw new AppError(ErrorCode.Conflict, `"${role.name}" is a built-in role and cannot be changed; create a new role instead`);
  }
}

function throwNotFound(): never {
  throw notFound('The role');
}
