import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { deleteVersioned, updateVersioned } from '../../common/database/versioned-write';
import type { AppAbility } from '../permissions/ability';
import { permissionFilter } from '../permissions/permission-filter';
import type { RoleRule } from '../permissions/subjects';
import type { RoleResponse } from './dto/role.dto';

interface RoleRow {
  id: string;
  name: string;
  label: string;
  description: string;
  built_in: boolean;
  rules: RoleRule[];
  user_count: number;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const SELECT_ROLES = `
  SELECT r.id, r.name, r.label, r.description, r.built_in, r.rules, r.created_at, r.updated_at, r.version,
         (SELECT count(*)::int FROM user_roles ur WHERE ur.role_id = r.id) AS user_count
    FROM roles r`;

/** SQL for roles. Their number is small, so they are listed whole. */
@Injectable()
export class RolesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(ability: AppAbility): Promise<RoleResponse[]> {
    const allowed = permissionFilter(ability, 'read', 'Role', {});
    const rows: RoleRow[] = await this.dataSource.query(`${SELECT_ROLES} WHERE ${allowed.sql} ORDER BY r.built_in DESC, r.name`, allowed.params);
    return rows.map(toRoleResponse);
  }

  async find(id: string, manager?: EntityManager): Promise<RoleResponse | undefined> {
    const [row]: RoleRow[] = await (manager ?? this.dataSource).query(`${SELECT_ROLES} WHERE r.id = $1`, [id]);
    return row ? toRoleResponse(row) : undefined;
  }

  async idByName(manager: EntityManager, name: string): Promise<string | undefined> {
    const [row] = await manager.query('SELECT id FROM roles WHERE name = $1', [name]);
    return row?.id;
  }

  async nameTaken(manager: EntityManager, name: string): Promise<boolean> {
    return (await manager.query('SELECT 1 FROM roles WHERE name = $1', [name])).length > 0;
  }

  async insert(manager: EntityManager, role: { name: string; label: string; description: string; rules: RoleRule[]; createdBy: string }): Promise<string> {
    const [{ id }] = await manager.query(
      'INSERT INTO roles (name, label, description, rules, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [role.name, role.label, role.description, JSON.stringify(role.rules), role.createdBy],
    );
    return id;
  }

  /** Built-in roles are never changed or deleted: the guard keeps them out of both. */
  update(manager: EntityManager, id: string, version: number, changes: { name?: string; label?: string; description?: string; rules?: RoleRule[] }): Promise<boolean> {
    return updateVersioned(
      manager,
      'roles',
      id,
      version,
      { name: changes.name, label: changes.label, description: changes.description, rules: changes.rules && JSON.stringify(changes.rules) },
      'NOT built_in',
    );
  }

  delete(manager: EntityManager, id: string, version: number): Promise<boolean> {
    return deleteVersioned(manager, 'roles', id, version, 'NOT built_in');
  }
}

function toRoleResponse(row: RoleRow): RoleResponse {
  return {
    id: row.id,
    name: row.name,
    label: row.label,
    description: row.description,
    builtIn: row.built_in,
    rules: row.rules,
    userCount: row.user_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

