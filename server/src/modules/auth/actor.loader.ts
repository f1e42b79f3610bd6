import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { buildAbility } from '../permissions/ability';
import type { RoleRule } from '../permissions/subjects';
import type { Actor } from './actor';

interface ActorRow {
  generation: string;
  id: string | null;
  login: string;
  active: boolean;
  must_change_password: boolean;
  roles: string[];
  rules: RoleRule[];
  team_member_ids: string[];
}

/** An actor without the request it serves, as read at one `auth_generation` stamp. */
export interface LoadedActor {
  generation: number;
  /** Undefined when the user does not exist or is inactive. */
  actor?: Omit<Actor, 'ip' | 'requestId'>;
}

/** Loads a user's state, roles and team mates, and builds their ability. */
@Injectable()
export class ActorLoader {
  constructor(private readonly dataSource: DataSource) {}

  async load(userId: string, request: { ip: string | null; requestId: string | null }): Promise<Actor | undefined> {
    const { actor } = await this.loadAtGeneration(userId);
    return actor && { ...actor, ip: request.ip, requestId: request.requestId };
  }

  /** The actor and, read in the same statement, the change stamp of the data it was built from. */
  async loadAtGeneration(userId: string): Promise<LoadedActor> {
    const [row]: ActorRow[] = await this.dataSource.query(
      `SELECT g.value AS generation, u.id, u.login, u.active, u.must_change_password,
              ARRAY(SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id ORDER BY r.name) AS roles,
              coalesce((SELECT jsonb_agg(rule) FROM user_roles ur JOIN roles r ON r.id = ur.role_id,
                               jsonb_array_elements(r.rules) AS rule
                         WHERE ur.user_id = u.id), '[]') AS rules,
              ARRAY(SELECT u.id UNION
                    SELECT m.user_id FROM team_members m
                     WHERE m.team_id IN (SELECT team_id FROM team_members WHERE user_id = u.id
                                         UNION SELECT id FROM teams WHERE lead_id = u.id)) AS team_member_ids
         FROM auth_generation g LEFT JOIN users u ON u.id = $1`,
      [userId],
    );
    const generation = Number(row.generation);
    if (!row.id || !row.active) {
      return { generation };
    }
    return {
      generation,
      actor: {
        id: row.id,
        login: row.login,
        roles: row.roles,
        mustChangePassword: row.must_change_password,
        ability: buildAbility({ id: row.id, teamMemberIds: row.team_member_ids }, row.rules),
      },
    };
  }
}
