import { EntityManager } from 'typeorm';
import type { ChangeContext } from '../../common/database/actor-transaction';
import { AppError, ErrorCode, validationError } from '../../common/errors/app-error';
import type { AuditService } from '../audit/audit.service';
import { revokeAllSessions } from './tokens.service';
import type { NewUser, UsersRepository } from './users.repository';

/**
 * Changes to users made alike by the API (UsersService) and the command line (`crm`), inside the
 * caller's actor transaction, with the audit events the action calls for. Plain functions: the
 * command line has no Nest container.
 */
export interface UserChangeDeps {
  users: UsersRepository;
  audit: AuditService;
}

/** Inserts a user with roles and teams; a taken login is a conflict. Returns the new id. */
export async function createUser(
  manager: EntityManager,
  deps: UserChangeDeps,
  context: ChangeContext,
  user: NewUser,
  links: { roleIds?: string[]; teamIds?: string[] },
): Promise<string> {
  if (await deps.users.loginExists(manager, user.login)) {
    throw new AppError(ErrorCode.Conflict, `The login "${user.login}" is taken`, { errors: [{ field: 'login', message: 'is taken' }] });
  }
  await checkIds(manager, deps.users, 'roles', 'roleIds', links.roleIds);
  await checkIds(manager, deps.users, 'teams', 'teamIds', links.teamIds);
  const id = await deps.users.insert(manager, user);
  if (links.roleIds?.length) {
    await assignRoles(manager, deps, context, id, links.roleIds);
  }
  if (links.teamIds?.length) {
    await deps.users.setTeams(manager, id, links.teamIds);
  }
  return id;
}

/** Replaces a user's roles and records `role.assigned`; returns the role names before and after. */
export async function assignRoles(
  manager: EntityManager,
  deps: UserChangeDeps,
  context: ChangeContext,
  userId: string,
  roleIds: string[],
): Promise<{ before: string[]; after: string[] }> {
  const change = await deps.users.setRoles(manager, userId, roleIds);
  await deps.audit.record({ action: 'role.assigned', context, tableName: 'users', recordId: userId, details: change }, manager);
  return change;
}

/** Sets a one-time password the user must change, ends their sessions and records `auth.password.reset`. */
export async function resetPassword(manager: EntityManager, deps: UserChangeDeps, context: ChangeContext, userId: string, passwordHash: string): Promise<void> {
  await deps.users.setPassword(manager, userId, passwordHash, true);
  await revokeAllSessions(manager, userId);
  await deps.audit.record({ action: 'auth.password.reset', context, tableName: 'users', recordId: userId }, manager);
}

/** Rejects ids that do not exist in `table`, naming the request field they came in. */
export async function checkIds(manager: EntityManager, users: UsersRepository, table: 'roles' | 'teams', field: string, ids?: string[]): Promise<void> {
  const missing = ids?.length ? await users.missingIds(manager, table, ids) : [];
  if (missing.length > 0) {
    throw validationError([{ field, message: `unknown ${table}: ${missing.join(', ')}` }]);
  }
}
