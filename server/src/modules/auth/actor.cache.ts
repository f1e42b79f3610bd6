import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import type { Actor } from './actor';
import { ActorLoader, LoadedActor } from './actor.loader';

/** More users than any installation signs in at once; past it the cache starts over. */
const MAX_ENTRIES = 10_000;

/**
 * The signed-in users this server instance has built (roles, team mates, ability), kept while
 * the database's `auth_generation` stamp (migration 1732000000018) has not moved. Every change
 * of users, roles, role assignments, teams or team members moves it, whichever instance or tool
 * makes it.
 *
 * The stamp is read again at most every `CRM_AUTH_CACHE_MS` (0: on every request, one small
 * query). Changes made through this instance's services call `changed()` after they commit, so
 * the next request here sees them at once; changes made elsewhere (another instance, the CLI)
 * are seen here within `CRM_AUTH_CACHE_MS`.
 */
@Injectable()
export class ActorCache {
  private readonly entries = new Map<string, LoadedActor>();
  private readonly ttlMs: number;
  /** The stamp last read and when (performance time), while it may be trusted. */
  private known: { generation: number; readAt: number } | undefined;
  /** A stamp read in flight, shared by the requests that need it (only when ttlMs > 0). */
  private reading: Promise<number> | undefined;
  /** Moves on every local change, so that a stamp read that started before it is not trusted. */
  private epoch = 0;
  /** Milliseconds on a monotonic clock (replaceable in tests). */
  now: () => number = () => performance.now();

  constructor(
    private readonly dataSource: DataSource,
    private readonly loader: ActorLoader,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'authCacheMs'>,
  ) {
    this.ttlMs = config.authCacheMs;
  }

  /** The active user `userId` for one request, or undefined when they do not exist or are inactive. */
  async actor(userId: string, request: { ip: string | null; requestId: string | null }): Promise<Actor | undefined> {
    const generation = await this.generation();
    let entry = this.entries.get(userId);
    if (!entry || entry.generation < generation) {
      entry = await this.loader.loadAtGeneration(userId);
      if (this.entries.size >= MAX_ENTRIES) {
        this.entries.clear();
      }
      this.entries.set(userId, entry);
    }
    return entry.actor && { ...entry.actor, ip: request.ip, requestId: request.requestId };
  }

  /** Called after this instance committed a change of users, roles or teams: the next request reads the stamp again. */
  changed(): void {
    this.epoch += 1;
    this.known = undefined;
    this.reading = undefined;
  }

  private generation(): Promise<number> {
    if (this.ttlMs === 0) {
      return this.readGeneration();
    }
    if (this.known && this.now() - this.known.readAt < this.ttlMs) {
      return Promise.resolve(this.known.generation);
    }
    if (!this.reading) {
      const epoch = this.epoch;
      const readAt = this.now();
      const reading = this.readGeneration().then(
        (generation) => {
          if (this.epoch === epoch) {
            this.known = { generation, readAt };
          }
          if (this.reading === reading) {
            this.reading = undefined;
          }
          return generation;
        },
        (error: unknown) => {
          if (this.reading === reading) {
            this.reading = undefined;
          }
          throw error;
        },
      );
      this.reading = reading;
    }
    return this.reading;
  }

  private async readGeneration(): Promise<number> {
    const [row]: { value: string }[] = await this.dataSource.query('SELECT value FROM auth_generation');
    return Number(row.value);
  }
}

/** Runs an administrative change of users, roles or teams, then tells the cache (also when it failed: harmless). */
export async function changingAuth<T>(cache: ActorCache, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    cache.changed();
  }
}
