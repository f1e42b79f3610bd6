import { DataSource } from 'typeorm';
import { inActorTransaction, SYSTEM_CONTEXT } from '../../common/database/actor-transaction';
import { generateOneTimePassword, hashPassword } from './passwords';

const BOOTSTRAP_LOCK = 72_404_203;

/**
 * On a database without users, creates the administrator. A password from configuration is the
 * operator's choice; otherwise a one-time password is generated, returned to be logged once, and
 * must be changed at first login.
 */
export async function ensureAdministrator(
  dataSource: DataSource,
  login: string,
  configuredPassword: string | undefined,
): Promise<{ created: boolean; oneTimePassword?: string }> {
  const oneTimePassword = configuredPassword ? undefined : generateOneTimePassword();
  const hash = await hashPassword(configuredPassword ?? oneTimePassword!);
  return inActorTransaction(dataSource, SYSTEM_CONTEXT, async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
    const [{ n }] = await manager.query('SELECT count(*)::int AS n FROM users');
    if (n > 0) {
      return { created: false };
    }
    const [{ id }] = await manager.query(
      `INSERT INTO users (login, display_name, locale, password_hash, must_change_password)
       VALUES ($1, 'Administrator', 'az', $2, $3) RETURNING id`,
      [login.toLowerCase(), hash, !configuredPassword],
    );
    await manager.query(`INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = 'admin'`, [id]);
    return { created: true, oneTimePassword };
  });
}
