import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The secrets of the users' calendar feeds: one per user, stored as its SHA-256. */
@Injectable()
export class CalendarFeedsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async createdAt(userId: string): Promise<Date | undefined> {
    const [row]: { created_at: Date }[] = await this.dataSource.query('SELECT created_at FROM calendar_feeds WHERE user_id = $1', [userId]);
    return row?.created_at;
  }

  /** Stores a user's secret, replacing the one before. */
  async save(manager: EntityManager, userId: string, secretHash: string): Promise<void> {
    await manager.query(
      `INSERT INTO calendar_feeds (user_id, secret_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, created_at = now()`,
      [userId, secretHash],
    );
  }

  async delete(manager: EntityManager, userId: string): Promise<void> {
    await manager.query('DELETE FROM calendar_feeds WHERE user_id = $1', [userId]);
  }

  /** The owner of the feed with this secret's hash. */
  async ownerOf(secretHash: string): Promise<{ user_id: string; display_name: string } | undefined> {
    const [feed]: { user_id: string; display_name: string }[] = await this.dataSource.query(
      'SELECT f.user_id, u.display_name FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.secret_hash = $1',
      [secretHash],
    );
    return feed;
  }
}
