import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { deleteVersioned, updateVersioned } from '../../common/database/versioned-write';
import type { SavedViewEntity, SavedViewQuery } from './dto/saved-view.dto';

export interface SavedViewRow {
  id: string;
  entity: SavedViewEntity;
  name: string;
  query: SavedViewQuery;
  owner_id: string;
  owner_name: string;
  team_id: string | null;
  team_name: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const SELECT = `
  SELECT v.id, v.entity, v.name, v.query, v.owner_id, o.display_name AS owner_name, v.team_id, t.name AS team_name,
         v.created_at, v.updated_at, v.version
    FROM saved_views v JOIN users o ON o.id = v.owner_id LEFT JOIN teams t ON t.id = v.team_id`;

/** The teams a user belongs to, as member or lead. */
const TEAMS_OF = `(SELECT m.team_id FROM team_members m WHERE m.user_id = $1 UNION SELECT l.id FROM teams l WHERE l.lead_id = $1)`;

/** SQL for saved views: a user sees their own and those shared with their teams. */
@Injectable()
export class SavedViewsRepository {
  constructor(private readonly dataSource: DataSource) {}

  listVisible(userId: string, entity: SavedViewEntity): Promise<SavedViewRow[]> {
    return this.dataSource.query(
      `${SELECT} WHERE v.entity = $2 AND (v.owner_id = $1 OR v.team_id IN ${TEAMS_OF}) ORDER BY lower(v.name), v.id`,
      [userId, entity],
    );
  }

  /** The view if the user owns it or it is shared with one of their teams; `any` (admins deleting) skips that. */
  async find(id: string, userId: string, options: { any?: boolean; manager?: EntityManager } = {}): Promise<SavedViewRow | undefined> {
    const [row]: SavedViewRow[] = await (options.manager ?? this.dataSource).query(
      `${SELECT} WHERE v.id = $2 AND ($3 OR v.owner_id = $1 OR v.team_id IN ${TEAMS_OF})`,
      [userId, id, options.any ?? false],
    );
    return row;
  }

  async belongsToTeam(manager: EntityManager, userId: string, teamId: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 WHERE $2::uuid IN ${TEAMS_OF}`, [userId, teamId])).length > 0;
  }

  async insert(manager: EntityManager, view: { entity: SavedViewEntity; name: string; query: SavedViewQuery; ownerId: string; teamId: string | null }): Promise<string> {
    const [{ id }] = await manager.query(
      'INSERT INTO saved_views (entity, name, query, owner_id, team_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [view.entity, view.name, JSON.stringify(view.query), view.ownerId, view.teamId],
    );
    return id;
  }

  update(manager: EntityManager, id: string, version: number, changes: { name?: string; query?: SavedViewQuery; teamId?: string | null }): Promise<boolean> {
    return updateVersioned(manager, 'saved_views', id, version, {
      name: changes.name,
      query: changes.query && JSON.stringify(changes.query),
      team_id: changes.teamId,
    });
  }

  delete(manager: EntityManager, id: string, version: number): Promise<boolean> {
    return deleteVersioned(manager, 'saved_views', id, version);
  }
}
