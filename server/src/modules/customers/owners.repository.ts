import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { escapeLike, QueryParts } from '../../common/database/query-parts';
import type { AppAbility } from '../permissions/ability';
import { permissionFilter } from '../permissions/permission-filter';
import type { Action, Subject } from '../permissions/subjects';
import type { OwnerQuery, OwnerResponse } from './dto/owner.dto';

/**
 * Users as owners of customer records. A user is offered when the caller's rules allow `action`
 * on a record that user owns: the scope conditions on `ownerId` are applied to the user's id.
 */
@Injectable()
export class OwnersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(ability: AppAbility, action: Action, subject: Subject, query: OwnerQuery & { activeOnly: boolean }): Promise<OwnerResponse[]> {
    const parts = new QueryParts().whereRaw((n) => permissionFilter(ability, action, subject, { ownerId: 'u.id' }, n));
    if (query.activeOnly) {
      parts.where((p) => `u.active = ${p}`, true);
    }
    const q = query.q?.trim();
    if (q) {
      parts.where((p) => `(crm_fold(u.display_name) LIKE '%' || crm_fold(${p}) || '%' OR crm_fold(u.login) LIKE '%' || crm_fold(${p}) || '%')`, escapeLike(q));
    }
    if (query.id?.length) {
      parts.where((p) => `u.id = ANY(${p}::uuid[])`, query.id);
    }
    const limit = parts.param(query.limit ?? 50);
    return this.dataSource.query(
      `SELECT u.id, u.display_name AS "displayName", u.active FROM users u WHERE ${parts.sql} ORDER BY u.display_name, u.id LIMIT ${limit}`,
      parts.params,
    );
  }
}
