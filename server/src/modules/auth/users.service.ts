import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { AppError, ErrorCode, forbidden, notFound, validationError } from '../../common/errors/app-error';
import { Page } from '../../common/http/page';
import { staleVersion } from '../../common/http/versioning';
import { AuditService } from '../audit/audit.service';
import { Actor, changeContextOf } from './actor';
import { CreatedUserResponse, CreateUserRequest, PasswordResetResponse, UpdateOwnProfileRequest, UpdateUserRequest, UserListQuery, UserResponse } from './dto/user.dto';
import { generateOneTimePassword, hashPassword } from './passwords';
import { TokensService } from './tokens.service';
import { UsersRepository } from './users.repository';

/** Administration of users: create, change, deactivate, reset password, assign roles and teams. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
  ) {}

  list(actor: Actor, query: UserListQuery): Promise<Page<UserResponse>> {
    return this.users.list(actor.ability, query);
  }

  get(id: string): Promise<UserResponse> {
    return this.users.getResponse(id);
  }

  async create(actor: Actor, request: CreateUserRequest): Promise<CreatedUserResponse> {
    // Creating a user with roles or teams is also assigning them: the same rights as PUT /users/{id}/roles and /teams.
    if (request.roleIds?.length && !actor.ability.can('assign', 'Role')) {
      throw forbidden('Assigning roles is not allowed to you');
    }
    if (request.teamIds?.length && !actor.ability.can('update', 'Team')) {
      throw forbidden('Changing team members is not allowed to you');
    }
    const oneTimePassword = request.password ? undefined : generateOneTimePassword();
    const passwordHash = await hashPassword(request.password ?? oneTimePassword!);
    const user = await inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      if (await this.users.loginExists(manager, request.login)) {
        throw new AppError(ErrorCode.Conflict, `The login "${request.login}" is taken`, { errors: [{ field: 'login', message: 'is taken' }] });
      }
      await this.checkIds(manager, 'roles', 'roleIds', request.roleIds);
      await this.checkIds(manager, 'teams', 'teamIds', request.teamIds);
      const id = await this.users.insert(manager, {
        login: request.login,
        email: request.email ?? null,
        displayName: request.displayName,
        locale: request.locale ?? 'az',
        passwordHash,
        mustChangePassword: true,
        createdBy: actor.id,
      });
      if (request.roleIds?.length) {
        const change = await this.users.setRoles(manager, id, request.roleIds);
        await this.audit.record({ action: 'role.assigned', context: changeContextOf(actor), tableName: 'users', recordId: id, details: change }, manager);
      }
      if (request.teamIds?.length) {
        await this.users.setTeams(manager, id, request.teamIds);
      }
      return this.users.getResponse(id, manager);
    });
    return { user, oneTimePassword };
  }

  async update(actor: Actor, id: string, version: number, request: UpdateUserRequest): Promise<UserResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const existing = await this.users.find(id, manager);
      if (!existing) {
        throw notFound('The user');
      }
      if (request.active === false && id === actor.id) {
        throw validationError([{ field: 'active', message: 'you cannot deactivate yourself' }]);
      }
      const updated = await this.users.update(manager, id, version, request);
      if (!updated) {
        throw staleVersion();
      }
      if (request.active === false) {
        await this.tokens.revokeAllOf(id, manager);
      }
      return this.users.getResponse(id, manager);
    });
  }

  async updateOwnProfile(actor: Actor, request: UpdateOwnProfileRequest): Promise<UserResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      await this.users.update(manager, actor.id, undefined, request);
      return this.users.getResponse(actor.id, manager);
    });
  }

  async resetPassword(actor: Actor, id: string): Promise<PasswordResetResponse> {
    const oneTimePassword = generateOneTimePassword();
    const hash = await hashPassword(oneTimePassword);
    await inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      if (!(await this.users.find(id, manager))) {
        throw notFound('The user');
      }
      await this.users.setPassword(manager, id, hash, true);
      await this.tokens.revokeAllOf(id, manager);
      await this.audit.record({ action: 'auth.password.reset', context: changeContextOf(actor), tableName: 'users', recordId: id }, manager);
    });
    return { oneTimePassword };
  }

  async setRoles(actor: Actor, id: string, roleIds: string[]): Promise<UserResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      if (!(await this.users.find(id, manager))) {
        throw notFound('The user');
      }
      await this.checkIds(manager, 'roles', 'ids', roleIds);
      const change = await this.users.setRoles(manager, id, roleIds);
      if (id === actor.id && change.before.includes('admin') && !change.after.includes('admin')) {
        throw validationError([{ field: 'ids', message: 'you cannot remove your own admin role' }]);
      }
      await this.audit.record({ action: 'role.assigned', context: changeContextOf(actor), tableName: 'users', recordId: id, details: change }, manager);
      return this.users.getResponse(id, manager);
    });
  }

  async setTeams(actor: Actor, id: string, teamIds: string[]): Promise<UserResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      if (!(await this.users.find(id, manager))) {
        throw notFound('The user');
      }
      await this.checkIds(manager, 'teams', 'ids', teamIds);
      await this.users.setTeams(manager, id, teamIds);
      return this.users.getResponse(id, manager);
    });
  }

  private async checkIds(manager: EntityManager, table: 'roles' | 'teams', field: string, ids?: string[]): Promise<void> {
    const missing = ids?.length ? await this.users.missingIds(manager, table, ids) : [];
    if (missing.length > 0) {
      throw validationError([{ field, message: `unknown ${table}: ${missing.join(', ')}` }]);
    }
  }
}
