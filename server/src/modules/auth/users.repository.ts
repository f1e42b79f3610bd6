import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetListSpec, keysetList } from '../../common/database/keyset-list';
import { escapeLike, QueryParts } from '../../common/database/query-parts';
import { replaceLinks } from '../../common/database/replace-links';
import { updateVersioned } from '../../common/database/versioned-write';
import { notFound } from '../../common/errors/app-error';
import { Page } from '../../common/http/page';
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

const LIST: KeysetListSpec<UserRow> = {
  select: SELECT_USERS,
  countFrom: 'users u',
  idColumn: 'u.id',
  defaultSort: 'login',
  sorts: {
    login: { sql: 'u.login', type: 'text', value: (r) => r.login },
    displayName: { sql: 'u.display_name', type: 'text', value: (r) => r.display_name },
    createdAt: { sql: 'u.created_at', type: 'timestamptz', value: (r) => r.created_at },
  },
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
    const filter = new QueryParts().whereRaw((n) => permissionFilter(ability, 'read', 'User', {}, n));
    if (query.q) {
      filter.where(
        (p) => `(crm_fold(u.login) LIKE crm_fold(${p}) OR crm_fold(u.display_name) LIKE crm_fold(${p}) OR crm_fold(coalesce(u.email, '')) LIKE crm_fold(${p}))`,
        `%${escapeLike(query.q)}%`,
      );
    }
    if (query.active !== undefined) {
      filter.where((p) => `u.active = ${p}`, query.active);
    }
    const page = await keysetList(this.dataSource, LIST, filter, query);
    return { ...page, items: page.items.map(toUserResponse) };
  }

  async find(id: string, manager?: EntityManager): Promise<UserResponse | undefined> {
    const [row]: UserRow[] = await (manager ?? this.dataSource).query(`${SELECT_USERS} WHERE u.id = $1`, [id]);
    return row ? toUserResponse(row) : undefined;
  }

  async findByLogin(login: string, manager?: EntityManager): Promise<UserResponse | undefined> {
    const [row]: UserRow[] = await (manager ?? this.dataSource).query(`${SELECT_USERS} WHERE u.login = $1`, [login.toLowerCase()]);
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

  async loginExists(manager: EntityManager, login: string): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM users WHERE login = $1', [login]);
    return rows.length > 0;
  }

  /** Whether any login starts with `prefix` (e.g. the demo users' `demo.`). */
  async loginPrefixExists(manager: EntityManager, prefix: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM users WHERE login LIKE $1 || '%' LIMIT 1`, [escapeLike(prefix)]);
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

  /** Updates the given columns if the version matches (any version when undefined); false when it does not or the user is gone. */
  update(
    manager: EntityManager,
    id: string,
    version: number | undefined,
    changes: { email?: string | null; displayName?: string; locale?: Locale; active?: boolean },
  ): Promise<boolean> {
    return updateVersioned(manager, 'users', id, version, {
      email: changes.email,
      display_name: changes.displayName,
      locale: changes.locale,
      active: changes.active,
    });
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
    await replaceLinks(manager, { table: 'user_roles', from: 'user_id', to: 'role_id' }, userId, roleIds);
    return { before, after: await names() };
  }

  setTeams(manager: EntityManager, userId: string, teamIds: string[]): Promise<void> {
    return replaceLinks(manager, { table: 'team_members', from: 'user_id', to: 'team_id' }, userId, teamIds);
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
