import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';

export interface AccessTokenPayload {
  sub: string;
  sid: string;
}

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
}

export type RefreshOutcome =
  | { kind: 'rotated'; userId: string; tokens: IssuedTokens }
  | { kind: 'reused'; userId: string; familyId: string }
  | { kind: 'invalid' };

/** Ends every session of a user; without DI, so the command line can use it too. */
export async function revokeAllSessions(db: DataSource | EntityManager, userId: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
}

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Short-lived JWT access tokens and rotating refresh tokens. Refresh tokens are stored only as
 * hashes; each use rotates it within its family, and a second use of a rotated token revokes
 * the whole family.
 */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(userId: string, client: { ip: string | null; userAgent: string | null }, familyId = randomUUID(), manager?: EntityManager): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + this.config.refreshTokenDays * 86_400_000);
    await (manager ?? this.dataSource).query(
      `INSERT INTO refresh_tokens (family_id, user_id, token_hash, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6)`,
      [familyId, userId, digest(refreshToken), refreshExpiresAt, client.ip, client.userAgent?.slice(0, 500) ?? null],
    );
    const payload: AccessTokenPayload = { sub: userId, sid: familyId };
    return {
      accessToken: await this.jwt.signAsync(payload, { expiresIn: this.config.accessTokenTtlSeconds }),
      expiresIn: this.config.accessTokenTtlSeconds,
      refreshToken,
      refreshExpiresAt,
    };
  }

  /** Rotates a refresh token; an already rotated one is reuse and revokes its family. */
  async rotate(refreshToken: string, client: { ip: string | null; userAgent: string | null }): Promise<RefreshOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [token] = await manager.query(
        `SELECT t.id, t.family_id, t.user_id, t.rotated_at, t.revoked_at, t.expires_at < now() AS expired, u.active
           FROM refresh_tokens t JOIN users u ON u.id = t.user_id
          WHERE t.token_hash = $1 FOR UPDATE OF t`,
        [digest(refreshToken)],
      );
      if (!token || token.revoked_at || token.expired || !token.active) {
        if (token && !token.active) {
          await this.revokeFamily(token.family_id, manager);
        }
        return { kind: 'invalid' };
      }
      if (token.rotated_at) {
        await this.revokeFamily(token.family_id, manager);
        return { kind: 'reused', userId: token.user_id, familyId: token.family_id };
      }
      await manager.query('UPDATE refresh_tokens SET rotated_at = now() WHERE id = $1', [token.id]);
      const tokens = await this.issue(token.user_id, client, token.family_id, manager);
      return { kind: 'rotated', userId: token.user_id, tokens };
    });
  }

  /** Revokes the session a refresh token belongs to; returns its user, if it was valid. */
  async revoke(refreshToken: string): Promise<string | undefined> {
    const [token] = await this.dataSource.query('SELECT family_id, user_id FROM refresh_tokens WHERE token_hash = $1', [digest(refreshToken)]);
    if (!token) {
      return undefined;
    }
    await this.revokeFamily(token.family_id);
    return token.user_id;
  }

  revokeAllOf(userId: string, manager?: EntityManager): Promise<void> {
    return revokeAllSessions(manager ?? this.dataSource, userId);
  }

  private async revokeFamily(familyId: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource).query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
      [familyId],
    );
  }
}
