import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor';

export const PUBLIC_ROUTE = 'crm:public';
export const PASSWORD_CHANGE_ALLOWED = 'crm:password-change-allowed';

/** A route anyone may call without signing in; every other route needs a valid access token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** A route a user who must still change their password may call. */
export const AllowedBeforePasswordChange = (): MethodDecorator => SetMetadata(PASSWORD_CHANGE_ALLOWED, true);

/** The signed-in user of the request. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>();
  if (!request.user) {
    throw new Error('CurrentActor used on a route without authentication');
  }
  return request.user;
});
