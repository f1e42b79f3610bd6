import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Actor } from './actor';
import { ActorLoader } from './actor.loader';
import { JWT_SECRET } from './auth.tokens';
import type { AccessTokenPayload } from './tokens.service';

/** Validates the bearer access token and loads the actor, whose account must still be active. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly actors: ActorLoader,
    @Inject(JWT_SECRET) secret: string,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: secret,
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  async validate(request: FastifyRequest, payload: AccessTokenPayload): Promise<Actor | false> {
    const actor = await this.actors.load(payload.sub, { ip: request.ip ?? null, requestId: String(request.id) });
    return actor ?? false;
  }
}
