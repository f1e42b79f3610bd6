import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { AppError, ErrorCode, validationError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { Actor, changeContextOf } from './actor';
import { ActorCache, changingAuth } from './actor.cache';
import { ChangePasswordRequest, LoginRequest } from './dto/auth.dto';
import { LoginThrottleRepository } from './login-throttle.repository';
import { hashPassword, verifyPassword } from './passwords';
import { IssuedTokens, TokensService } from './tokens.service';
import { UsersRepository } from './users.repository';
import type { UserResponse } from './dto/user.dto';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

/** Sign-in, session renewal, sign-out and password change. */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actorCache: ActorCache,
    private readonly users: UsersRepository,
    private readonly tokens: TokensService,
    private readonly throttle: LoginThrottleRepository,
    private readonly audit: AuditService,
  ) {}

  async login({ login, password }: LoginRequest, client: ClientInfo): Promise<{ tokens: IssuedTokens; user: UserResponse }> {
    const normalized = login.trim().toLowerCase();
    const context = { actorId: null, ip: client.ip, requestId: client.requestId };
    const wait = await this.throttle.retryAfterSeconds(normalized, client.ip);
    if (wait > 0) {
      await this.audit.record({ action: 'auth.login.failure', context, details: { login: normalized, reason: 'throttled' } });
      throw new AppError(ErrorCode.TooManyRequests, `Too many failed sign-ins; try again in ${wait} seconds`, { retryAfterSeconds: wait });
    }
    const credentials = await this.users.findCredentials(normalized);
    const valid = await verifyPassword(credentials?.passwordHash ?? null, password);
    if (!credentials || !valid || !credentials.active) {
      await this.throttle.recordFailure(normalized, client.ip);
      const reason = !credentials ? 'unknown-login' : !valid ? 'wrong-password' : 'inactive';
      await this.audit.record({ action: 'auth.login.failure', context: { ...context, actorId: credentials?.id ?? null }, details: { login: normalized, reason } });
      throw new AppError(ErrorCode.InvalidCredentials, 'The login or password is wrong, or the account is inactive');
    }
    await this.throttle.recordSuccess(normalized);
    const tokens = await inActorTransaction(this.dataSource, { ...context, actorId: credentials.id }, async (manager) => {
      await this.audit.record({ action: 'auth.login.success', context: { ...context, actorId: credentials.id } }, manager);
      return this.tokens.issue(credentials.id, { ip: client.ip, userAgent: client.userAgent }, undefined, manager);
    });
    await this.users.touchLastLogin(credentials.id);
    return { tokens, user: await this.users.getResponse(credentials.id) };
  }

  async refresh(refreshToken: string | undefined, client: ClientInfo): Promise<{ tokens: IssuedTokens; user: UserResponse }> {
    if (!refreshToken) {
      throw new AppError(ErrorCode.Unauthenticated, 'No session: sign in');
    }
    const outcome = await this.tokens.rotate(refreshToken, { ip: client.ip, userAgent: client.userAgent });
    if (outcome.kind === 'reused') {
      await this.audit.record({
        action: 'auth.refresh.reuse',
        context: { actorId: outcome.userId, ip: client.ip, requestId: client.requestId },
        details: { familyId: outcome.familyId },
      });
      throw new AppError(ErrorCode.Unauthenticated, 'This session was ended because its refresh token was used twice; sign in again');
    }
    if (outcome.kind === 'invalid') {
      throw new AppError(ErrorCode.Unauthenticated, 'The session has ended; sign in again');
    }
    return { tokens: outcome.tokens, user: await this.users.getResponse(outcome.userId) };
  }

  async logout(refreshToken: string | undefined, client: ClientInfo): Promise<void> {
    const userId = refreshToken ? await this.tokens.revoke(refreshToken) : undefined;
    if (userId) {
      await this.audit.record({ action: 'auth.logout', context: { actorId: userId, ip: client.ip, requestId: client.requestId } });
    }
  }

  async changePassword(actor: Actor, request: ChangePasswordRequest): Promise<void> {
    const credentials = await this.users.findCredentials(actor.login);
    if (!credentials || !(await verifyPassword(credentials.passwordHash, request.currentPassword))) {
      throw validationError([{ field: 'currentPassword', message: 'is not your current password' }]);
    }
    if (request.newPassword === request.currentPassword) {
      throw validationError([{ field: 'newPassword', message: 'must differ from the current password' }]);
    }
    const hash = await hashPassword(request.newPassword);
    await changingAuth(this.actorCache, () => inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      await this.users.setPassword(manager, actor.id, hash, false);
      await this.audit.record({ action: 'auth.password.changed', context: changeContextOf(actor), tableName: 'users', recordId: actor.id }, manager);
    }));
  }
}
