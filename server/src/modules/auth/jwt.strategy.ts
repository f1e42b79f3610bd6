import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Actor } from './actor';
import { ActorCache } from './actor.cache';
import { JWT_SECRET } from './auth.tokens';
import type { AccessTokenPayload } from './tokens.service';

/** Validates the bearer access token and loads the actor, whose account must still be active. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly actors: ActorCache,
    @Inject(JWT_SECRET) secret: string,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object, not the string: given a string, jsonwebtoken first tries to parse it as a
      // public key and fails with an exception on every request (a fifth of the server's CPU in
      // the customers benchmark, docs/benchmarks.md).
      secretOrKey: createSecretKey(Buffer.from(secret)) as unknown as Buffer,
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  async validate(request: FastifyRequest, payload: AccessTokenPayload): Promise<Actor | false> {
    const actor = await this.actors.actor(payload.sub, { ip: request.ip ?? null, requestId: String(request.id) });
    return actor ?? false;
  }
}
