import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { QueryParts } from '../../common/database/query-parts';
import { keysetPage, SortColumn } from '../../common/http/keyset';
import { Page, toPage } from '../../common/http/page';
import type { AppAbility } from '../permissions/ability';
import { permissionFilter } from '../permissions/permission-filter';
import type { TeamListQuery, TeamResponse } from './dto/team.dto';

interface TeamRow {
  id: string;
  name: string;
  lead_id: string | null;
  member_ids: string[];
  created_at: Date;
  updated_at: Date;
  version: number;
}

const SELECT_TEAMS = `
  SELECT t.id, t.name, t.lead_id, t.created_at, t.updated_at, t.version,
         ARRAY(SELECT m.user_id FROM team_members m WHERE m.team_id = t.id ORDER BY m.user_id) AS member_ids
    FROM teams t`;

const SORTS: Record<string, SortColumn & { value: (r: TeamRow) => unknown }> = {
  name: { sql: 't.name', type: 'text', value: (r) => r.name },
  createdAt: { sql: 't.created_at', type: 'timestamptz', value: (r) => r.created_at },
};

/** SQL for teams and their members. */
@Injectable()
export class TeamsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(ability: AppAbility, query: TeamListQuery): Promise<Page<TeamResponse>> {
    const parts = new QueryParts().whereRaw((n) => permissionFilter(ability, 'read', 'Team', {}, n));
    if (query.q) {
      parts.where((p) => `crm_fold(t.name) LIKE crm_fold(${p})`, `%${query.q.replace(/[\\%_]/g, '\\$&')}%`);
    }
    const filter = { sql: parts.sql, params: [...parts.params] };
    const page = keysetPage(SORTS, 't.id', query, parts.nextParam, 'name');
    if (page.after) {
      parts.whereRaw(page.after);
    }
    const rows: TeamRow[] = await this.dataSource.query(`${SELECT_TEAMS} WHERE ${parts.sql} ORDER BY ${page.orderBy} LIMIT ${page.limit + 1}`, parts.params);
    const result = toPage(rows, page.limit, page.sortKey, SORTS[page.sortKey].value, toTeamResponse);
    if (query.count) {
      const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM teams t WHERE ${filter.sql}`, filter.params);
      result.total = total;
    }
    return result;
  }

  async find(id: string, manager?: EntityManager): Promise<TeamResponse | undefined> {
    const [row]: TeamRow[] = await (manager ?? this.dataSource).query(`${SELECT_TEAMS} WHERE t.id = $1`, [id]);
    return row ? toTeamResponse(row) : undefined;
  }

  async nameTaken(manager: EntityManager, name: string, exceptId?: string): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM teams WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2', [name, exceptId ?? null]);
    return rows.length > 0;
  }

  async insert(manager: EntityManager, team: { name: string; leadId: string | null; createdBy: string }): Promise<string> {
    const [{ id }] = await manager.query('INSERT INTO teams (name, lead_id, created_by) VALUES ($1, $2, $3) RETURNING id', [team.name, team.leadId, team.createdBy]);
    return id;
  }

  async update(manager: EntityManager, id: string, version: number, changes: { name?: string; leadId?: string | null }): Promise<boolean> {
    const parts = new QueryParts();
    const sets = ['updated_at = now()', 'version = version + 1'];
    if (changes.name !== undefined) {
      sets.push(`name = ${parts.param(changes.name)}`);
    }
    if (changes.leadId !== undefined) {
      sets.push(`lead_id = ${parts.param(changes.leadId)}`);
    }
    const result = await manager.query(`UPDATE teams SET ${sets.join(', ')} WHERE id = ${parts.param(id)} AND version = ${parts.param(version)} RETURNING id`, parts.params);
    return result[0].length > 0;
  }

  async delete(manager: EntityManager, id: string, version: number): Promise<boolean> {
    const result = await manager.query('DELETE FROM teams WHERE id = $1 AND version = $2 RETURNING id', [id, version]);
    return result[0].length > 0;
  }

  async setMembers(manager: EntityManager, teamId: string, userIds: string[]): Promise<void> {
    await manager.query('DELETE FROM team_members WHERE team_id = $1 AND NOT (user_id = ANY($2::uuid[]))', [teamId, userIds]);
    await manager.query('INSERT INTO team_members (team_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING', [teamId, userIds]);
  }
}

function toTeamResponse(row: TeamRow): TeamResponse {
  return {
    id: row.id,
    name: row.name,
    leadId: row.lead_id,
    memberIds: row.member_ids,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
