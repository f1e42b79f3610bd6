import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetListSpec, keysetList } from '../../common/database/keyset-list';
import { escapeLike, QueryParts } from '../../common/database/query-parts';
import { replaceLinks } from '../../common/database/replace-links';
import { deleteVersioned, updateVersioned } from '../../common/database/versioned-write';
import { Page } from '../../common/http/page';
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

const LIST: KeysetListSpec<TeamRow> = {
  select: SELECT_TEAMS,
  countFrom: 'teams t',
  idColumn: 't.id',
  defaultSort: 'name',
  sorts: {
    name: { sql: 't.name', type: 'text', value: (r) => r.name },
    createdAt: { sql: 't.created_at', type: 'timestamptz', value: (r) => r.created_at },
  },
};

/** SQL for teams and their members. */
@Injectable()
export class TeamsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(ability: AppAbility, query: TeamListQuery): Promise<Page<TeamResponse>> {
    const filter = new QueryParts().whereRaw((n) => permissionFilter(ability, 'read', 'Team', {}, n));
    if (query.q) {
      filter.where((p) => `crm_fold(t.name) LIKE crm_fold(${p})`, `%${escapeLike(query.q)}%`);
    }
    const page = await keysetList(this.dataSource, LIST, filter, query);
    return { ...page, items: page.items.map(toTeamResponse) };
  }

  async find(id: string, manager?: EntityManager): Promise<TeamResponse | undefined> {
    const [row]: TeamRow[] = await (manager ?? this.dataSource).query(`${SELECT_TEAMS} WHERE t.id = $1`, [id]);
    return row ? toTeamResponse(row) : undefined;
  }

  async nameTaken(manager: EntityManager, name: string, exceptId?: string): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM teams WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2', [name, exceptId ?? null]);
    return rows.length > 0;
  }

  async insert(manager: EntityManager, team: { name: string; leadId: string | null; createdBy: string | null }): Promise<string> {
    const [{ id }] = await manager.query('INSERT INTO teams (name, lead_id, created_by) VALUES ($1, $2, $3) RETURNING id', [team.name, team.leadId, team.createdBy]);
    return id;
  }

  update(manager: EntityManager, id: string, version: number, changes: { name?: string; leadId?: string | null }): Promise<boolean> {
    return updateVersioned(manager, 'teams', id, version, { name: changes.name, lead_id: changes.leadId });
  }

  delete(manager: EntityManager, id: string, version: number): Promise<boolean> {
    return deleteVersioned(manager, 'teams', id, version);
  }

  setMembers(manager: EntityManager, teamId: string, userIds: string[]): Promise<void> {
    return replaceLinks(manager, { table: 'team_members', from: 'team_id', to: 'user_id' }, teamId, userIds);
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
