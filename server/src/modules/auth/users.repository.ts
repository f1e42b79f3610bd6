import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { QueryParts } from '../../common/database/query-parts';
import { notFound } from '../../common/errors/app-error';
import { keysetPage, SortColumn } from '../../common/http/keyset';
import { Page, toPage } from '../../common/http/page';
import type { AppAbility } from '../permissions/ability';
import { permissionFilter } from '../permissions/permission-filter';
import type { UserListQuery, UserResponse } from './dto/user.dto';
import type { Locale } from './user.entity';

interface UserRow {
  id: string;
  login: string;
  email: string | null;
  display_name: string;
  locale: Locale;
  active: boolean;
  must_change_password: boolean;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  roles: string[];
  team_ids: string[];
}

const SELECT_USERS = `
  SELECT u.id, u.login, u.email, u.display_name, u.locale, u.active, u.must_change_password, u.last_login_at,
         u.created_at, u.updated_at, u.version,
         ARRAY(SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id ORDER BY r.name) AS roles,
         ARRAY(SELECT m.team_id FROM team_members m WHERE m.user_id = u.id ORDER BY m.team_id) AS team_ids
    FROM users u`;

const SORTS: Record<string, SortColumn & { value: (r: UserRow) => unknown }> = {
  login: { sql: 'u.login', type: 'text', value: (r) => r.login },
  displayName: { sql: 'u.display_name', type: 'text', value: (r) => r.display_name },
  createdAt: { sql: 'u.created_at', type: 'timestamptz', value: (r) => r.created_at },
};

export interface NewUser {
  login: string;
  email: string | null;
  displayName: string;
  locale: Locale;
  passwordHash: string;
  mustChangePassword: boolean;
  createdBy: string | null;
}

/** SQL for users and their role and team memberships. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(ability: AppAbility, query: UserListQuery): Promise<Page<UserResponse>> {
    const parts = new QueryParts().whereRaw((n) => permissionFilter(ability, 'read', 'User', {}, n));
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
      parts.where((p) => `(crm_fold(u.login) LIKE crm_fold(${p}) OR crm_fold(u.display_name) LIKE crm_fold(${p}) OR crm_fold(coalesce(u.email, '')) LIKE crm_fold(${p}))`, pattern);
    }
    if (query.active !== undefined) {
      parts.where((p) => `u.active = ${p}`, query.active);
    }
    const filterSql = parts.sql;
    const filterParams = [...parts.params];
    const page = keysetPage(SORTS, 'u.id', query, parts.nextParam, 'login');
    if (page.after) {
      parts.whereRaw(page.after);
    }
    const rows: UserRow[] = await this.dataSource.query(
      `${SELECT_USERS} WHERE ${parts.sql} ORDER BY ${page.orderBy} LIMIT ${page.limit + 1}`,
      parts.params,
    );
    const result = toPage(rows, page.limit, page.sortKey, SORTS[page.sortKey].value, toUserResponse);
    if (query.count) {
      const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM users u WHERE ${filterSql}`, filterParams);
      result.total = total;
    }
    return result;
  }

  async find(id: string, manager?: EntityManager): Promise<UserResponse | undefined> {
    const [row]: UserRow[] = await (manager ?? this.dataSource).query(`${SELECT_USERS} WHERE u.id = $1`, [id]);
    return row ? toUserResponse(row) : undefined;
  }

  async getResponse(id: string, manager?: EntityManager): Promise<UserResponse> {
    const user = await this.find(id, manager);
    if (!user) {
      throw notFound('The user');
    }
    return user;
  }

  async findCredentials(login: string): Promise<{ id: string; passwordHash: string | null; active: boolean } | undefined> {
    const [row] = await this.dataSource.query('SELECT id, password_hash, active FROM users WHERE login = $1', [login.toLowerCase()]);
    return row ? { id: row.id, passwordHash: row.password_hash, active: row.active } : undefined;
  }

  async count(): Promise<number> {
    const [{ n }] = await this.dataSource.query('SELECT count(*)::int AS n FROM users');
    return n;
  }

  async loginExists(manager: EntityManager, login: string): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM users WHERE login = $1', [login]);
    return rows.length > 0;
  }

  async insert(manager: EntityManager, user: NewUser): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO users (login, email, display_name, locale, password_hash, must_change_password, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [user.login, user.email, user.displayName, user.locale, user.passwordHash, user.mustChangePassword, user.createdBy],
    );
    return id;
  }

  /** Updates the given columns if the version matches; returns false when it does not (or the user is gone). */
  async update(
    manager: EntityManager,
    id: string,
    version: number | undefined,
    changes: Partial<{ email: string | null; display_name: string; locale: Locale; active: boolean }>,
  ): Promise<boolean> {
    const parts = new QueryParts();
    const sets = Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([column, value]) => `${column} = ${parts.param(value)}`);
    const idParam = parts.param(id);
    const versionCheck = version === undefined ? '' : ` AND version = ${parts.param(version)}`;
    const result = await manager.query(
      `UPDATE users SET ${[...sets, 'updated_at = now()', 'version = version + 1'].join(', ')} WHERE id = ${idParam}${versionCheck} RETURNING id`,
      parts.params,
    );
    return result[0].length > 0;
  }

  async setPassword(manager: EntityManager, id: string, hash: string, mustChange: boolean): Promise<void> {
    await manager.query(
      'UPDATE users SET password_hash = $2, must_change_password = $3, updated_at = now(), version = version + 1 WHERE id = $1',
      [id, hash, mustChange],
    );
  }

  async touchLastLogin(id: string): Promise<void> {
    // The audit trigger skips last_login_at: the sign-in itself is recorded as auth.login.success.
    await this.dataSource.query('UPDATE users SET last_login_at = now() WHERE id = $1', [id]);
  }

  /** Replaces the user's roles; returns the role names before and after. */
  async setRoles(manager: EntityManager, userId: string, roleIds: string[]): Promise<{ before: string[]; after: string[] }> {
    const names = async (): Promise<string[]> =>
      (await manager.query('SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = $1 ORDER BY r.name', [userId])).map(
        (r: { name: string }) => r.name,
      );
    const before = await names();
    await manager.query('DELETE FROM user_roles WHERE user_id = $1 AND NOT (role_id = ANY($2::uuid[]))', [userId, roleIds]);
    await manager.query(
      'INSERT INTO user_roles (user_id, role_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING',
      [userId, roleIds],
    );
    return { before, after: await names() };
  }

  async setTeams(manager: EntityManager, userId: string, teamIds: string[]): Promise<void> {
    await manager.query('DELETE FROM team_members WHERE user_id = $1 AND NOT (team_id = ANY($2::uuid[]))', [userId, teamIds]);
    await manager.query(
      'INSERT INTO team_members (user_id, team_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING',
      [userId, teamIds],
    );
  }

  /** Ids among `ids` that do not exist in `table`. */
  async missingIds(manager: EntityManager, table: 'roles' | 'teams' | 'users', ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT x.id FROM unnest($1::uuid[]) AS x(id) WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.id = x.id)`,
      [ids],
    );
    return rows.map((r) => r.id);
  }
}

export function toUserResponse(row: UserRow): UserResponse {
  return {
    id: row.id,
    login: row.login,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    active: row.active,
    mustChangePassword: row.must_change_password,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    roles: row.roles,
    teamIds: row.team_ids,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
