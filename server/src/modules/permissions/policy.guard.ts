import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { changeContextOf } from '../auth/actor';
import { PASSWORD_CHANGE_ALLOWED, PUBLIC_ROUTE } from '../auth/auth.decorators';
import { REQUIRED_PERMISSION, RequiredPermission } from './can.decorator';

/** Runs after authentication: enforces the forced password change and the route's permission. */
@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>();
    const actor = request.user;
    if (!actor) {
      throw new AppError(ErrorCode.Unauthenticated, 'Sign in first');
    }
    if (actor.mustChangePassword && !this.reflector.get<boolean>(PASSWORD_CHANGE_ALLOWED, context.getHandler())) {
      throw new AppError(ErrorCode.PasswordChangeRequired, 'Change your one-time password before using the CRM');
    }
    const required = this.reflector.get<RequiredPermission | undefined>(REQUIRED_PERMISSION, context.getHandler());
    if (required && !actor.ability.can(required.action, required.subject)) {
      await this.audit.record({
        action: 'permission.denied',
        context: changeContextOf(actor),
        details: { ...required, method: request.method, path: request.url.split('?')[0] },
      });
      throw new AppError(ErrorCode.Forbidden, `Your role does not allow ${required.action} on ${required.subject}`);
    }
    return true;
  }
}
