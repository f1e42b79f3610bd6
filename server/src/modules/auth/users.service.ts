import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { forbidden, notFound, validationError } from '../../common/errors/app-error';
import { Page } from '../../common/http/page';
import { staleVersion } from '../../common/http/versioning';
import { AuditService } from '../audit/audit.service';
import { Actor, changeContextOf } from './actor';
import { ActorCache, changingAuth } from './actor.cache';
import { CreatedUserResponse, CreateUserRequest, PasswordResetResponse, UpdateOwnProfileRequest, UpdateUserRequest, UserListQuery, UserResponse } from './dto/user.dto';
import { generateOneTimePassword, hashPassword } from './passwords';
import { TokensService } from './tokens.service';
import { assignRoles, checkIds, createUser, resetPassword, UserChangeDeps } from './user-changes';
import { UsersRepository } from './users.repository';

/** Administration of users: create, change, deactivate, reset password, assign roles and teams. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actorCache: ActorCache,
    private readonly users: UsersRepository,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
  ) {}

  private get changes(): UserChangeDeps {
    return { users: this.users, audit: this.audit };
  }

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
    const context = changeContextOf(actor);
    const user = await changingAuth(this.actorCache, () => inActorTransaction(this.dataSource, context, async (manager) => {
      const id = await createUser(
        manager,
        this.changes,
        context,
        {
          login: request.login,
          email: request.email ?? null,
          displayName: request.displayName,
          locale: request.locale ?? 'az',
          passwordHash,
          mustChangePassword: true,
          createdBy: actor.id,
        },
        { roleIds: request.roleIds, teamIds: request.teamIds },
      );
      return this.users.getResponse(id, manager);
    }));
    return { user, oneTimePassword };
  }

  async update(actor: Actor, id: string, version: number, request: UpdateUserRequest): Promise<UserResponse> {
    return changingAuth(this.actorCache, () => inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
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
    }));
  }

  async updateOwnProfile(actor: Actor, request: UpdateOwnProfileRequest): Promise<UserResponse> {
    return changingAuth(this.actorCache, () => inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      await this.users.update(manager, actor.id, undefined, request);
      return this.users.getResponse(actor.id, manager);
    }));
  }

  async resetPassword(actor: Actor, id: string): Promise<PasswordResetResponse> {
    const oneTimePassword = generateOneTimePassword();
    const hash = await hashPassword(oneTimePassword);
    const context = changeContextOf(actor);
    await changingAuth(this.actorCache, () => inActorTransaction(this.dataSource, context, async (manager) => {
      if (!(await this.users.find(id, manager))) {
        throw notFound('The user');
      }
      await resetPassword(manager, this.changes, context, id, hash);
    }));
    return { oneTimePassword };
  }

  async setRoles(actor: Actor, id: string, roleIds: string[]): Promise<UserResponse> {
    const context = changeContextOf(actor);
    return changingAuth(this.actorCache, () => inActorTransaction(this.dataSource, context, async (manager) => {
      if (!(await this.users.find(id, manager))) {
        throw notFound('The user');
      }
      await checkIds(manager, this.users, 'roles', 'ids', roleIds);
      const change = await assignRoles(manager, this.changes, context, id, roleIds);
      if (id === actor.id && change.before.includes('admin') && !change.after.includes('admin')) {
        // Throwing rolls the change and its audit event back.
        throw validationError([{ field: 'ids', message: 'you cannot remove your own admin role' }]);
      }
      return this.users.getResponse(id, manager);
    }));
  }

  async setTeams(actor: Actor, id: string, teamIds: string[]): Promise<UserResponse> {
    return changingAuth(this.actorCache, () => inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      if (!(await this.users.find(id, manager))) {
        throw notFound('The user');
      }
      await checkIds(manager, this.users, 'teams', 'ids', teamIds);
      await this.users.setTeams(manager, id, teamIds);
      return this.users.getResponse(id, manager);
    }));
  }
}
