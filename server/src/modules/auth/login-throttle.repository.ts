import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Failures allowed per window, and how long a key is blocked once it has more. */
const POLICY = {
  account: { failures: 5, windowMinutes: 15, blockMinutes: 15 },
  ip: { failures: 20, windowMinutes: 15, blockMinutes: 15 },
} as const;

/**
 * Failed-login counters per account and per IP, kept in PostgreSQL so that a restart or a
 * second instance does not reset them.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Seconds until the login or IP may try again; 0 when not blocked. */
  async retryAfterSeconds(login: string, ip: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS seconds
         FROM auth_throttle WHERE key = ANY($1) AND blocked_until > now()`,
      [[accountKey(login), ipKey(ip)]],
    );
    return row?.seconds ?? 0;
  }

  async recordFailure(login: string, ip: string): Promise<void> {
    await this.bump(accountKey(login), POLICY.account);
    await this.bump(ipKey(ip), POLICY.ip);
  }

  async recordSuccess(login: string): Promise<void> {
    await this.dataSource.query('DELETE FROM auth_throttle WHERE key = $1', [accountKey(login)]);
  }

  private async bump(key: string, policy: { failures: number; windowMinutes: number; blockMinutes: number }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO auth_throttle AS t (key, failures, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN now() ELSE t.window_started_at END`,
      [key, policy.windowMinutes],
    );
    await this.dataSource.query(
      `UPDATE auth_throttle SET blocked_until = now() + make_interval(mins => $3)
        WHERE key = $1 AND failures >= $2 AND (blocked_until IS NULL OR blocked_until < now())`,
      [key, policy.failures, policy.blockMinutes],
    );
  }
}

const accountKey = (login: string): string => `login:${login.toLowerCase()}`;
const ipKey = (ip: string): string => `ip:${ip}`;
