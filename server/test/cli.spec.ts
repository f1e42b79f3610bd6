import { DataSource } from 'typeorm';
import { COMMANDS } from '../src/cli/run-cli';
import { createDataSource } from '../src/common/database/data-source';
import { pendingMigrations } from '../src/common/database/migrator';
import { verifyPassword } from '../src/modules/auth/passwords';
import { MIGRATIONS } from '../../migrations';
import { crm } from './support';
import { cookiesOf, createTestApp, createTestDatabase, TestApp } from './test-app';

/** The password a command printed on the line after its "shown only now" notice. */
const printedPassword = (stdout: string): string => {
  const match = /shown only now.*\n([A-Za-z0-9]{16})\n/.exec(stdout);
  if (!match) {
    throw new Error(`no password in: ${stdout}`);
  }
  return match[1];
};

describe('crm command line', () => {
  let t: TestApp;
  let env: NodeJS.ProcessEnv;
  const userCount = async (): Promise<number> => (await t.dataSource.query('SELECT count(*)::int AS n FROM users'))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    env = { DATABASE_URL: t.databaseUrl, CRM_DATA_DIR: t.config.dataDir, LOG_LEVEL: 'silent' };
  });
  afterAll(() => t.close());

  describe('usage', () => {
    it('prints the usage of every command on --help, without touching a database', async () => {
      const all = await crm(['--help'], {});
      expect(all.code).toBe(0);
      for (const name of ['migrate status', 'migrate up', 'migrate down', 'create-admin', 'user reset-password', 'backup', 'restore', 'demo-data', 'audit verify', 'import']) {
        expect(all.stdout).toContain(`crm ${name}`);
        const one = await crm([...name.split(' '), '--help'], {});
        expect(one).toMatchObject({ code: 0, stderr: '' });
        expect(one.stdout).toContain(`Usage: crm ${name}`);
      }
      expect(COMMANDS).toHaveLength(11);
      expect((await crm(['create-admin', '-h'], {})).stdout).toContain('--password-stdin');
      expect((await crm(['migrate', '--help'], {})).stdout).toContain('crm migrate down [--yes]');
    });

    it('exits 2 with a one-line error and the usage for unknown commands, options and missing arguments', async () => {
      const cases: [string[], RegExp, string][] = [
        [[], /^Usage: crm <command>/, 'Usage: crm <command>'],
        [['frobnicate'], /^crm: unknown command "frobnicate"\n/, 'Usage: crm <command>'],
        [['migrate'], /^crm: missing command after "migrate"\n/, 'Usage: crm migrate <command>'],
        [['migrate', 'sideways'], /^crm: unknown command "migrate sideways"\n/, 'Usage: crm migrate <command>'],
        [['create-admin', '--login', 'x1', '--bogus'], /^crm create-admin: Unknown option '--bogus'\n/, 'Usage: crm create-admin'],
        [['create-admin'], /^crm create-admin: missing --login <login>\n/, 'Usage: crm create-admin'],
        [['create-admin', '--login'], /^crm create-admin: Option '--login <value>' argument missing\n/, 'Usage: crm create-admin'],
        [['user', 'reset-password'], /^crm user reset-password: missing <login>\n/, 'Usage: crm user reset-password <login>'],
        [['user', 'reset-password', 'a', 'b'], /^crm user reset-password: unexpected argument "b"\n/, 'Usage: crm user reset-password'],
        [['migrate', 'down', '--yes=please'], /^crm migrate down: Option '--yes' does not take an argument\n/, 'Usage: crm migrate down'],
      ];
      for (const [argv, error, usage] of cases) {
        const result = await crm(argv, env);
        expect({ argv, code: result.code, stdout: result.stdout }).toEqual({ argv, code: 2, stdout: '' });
        expect(result.stderr).toMatch(error);
        expect(result.stderr).toContain(usage);
      }
    });
  });

  describe('create-admin', () => {
    it('creates an administrator with a generated one-time password that must be changed at first sign-in', async () => {
      const result = await crm(['create-admin', '--login', 'Ops.Admin', '--name', 'Operations', '--email', 'ops@example.az'], env);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^Created administrator "ops.admin" \(/);
      const password = printedPassword(result.stdout);

      const login = await t.http().post('/api/v1/auth/login').send({ login: 'ops.admin', password });
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({ login: 'ops.admin', displayName: 'Operations', email: 'ops@example.az', roles: ['admin'], mustChangePassword: true });
      const blocked = await t.http().get('/api/v1/contacts').auth(login.body.accessToken, { type: 'bearer' });
      expect(blocked.status).toBe(403);
      expect(blocked.body.type).toBe('urn:crm:problem:password-change-required');
    });

    it('takes the password from standard input as is', async () => {
      const result = await crm(['create-admin', '--login', 'root2', '--password-stdin'], env, 'Operator-Chosen-9\n');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).not.toContain('One-time password');
      const login = await t.http().post('/api/v1/auth/login').send({ login: 'root2', password: 'Operator-Chosen-9' });
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({ displayName: 'root2', roles: ['admin'], mustChangePassword: false });
      // The admin role is real: the new administrator may list users.
      expect((await t.http().get('/api/v1/users').auth(login.body.accessToken, { type: 'bearer' })).status).toBe(200);
    });

    it('refuses a taken login, an invalid login or a short password and writes nothing', async () => {
      await t.createUser('taken', ['sales_rep']);
      const users = await userCount();
      const events: number = (await t.dataSource.query('SELECT count(*)::int AS n FROM audit.events'))[0].n;

      const taken = await crm(['create-admin', '--login', 'TAKEN'], env);
      expect(taken).toMatchObject({ code: 1, stdout: '' });
      expect(taken.stderr).toBe('crm create-admin: The login "taken" is taken\n');
      const [holder] = await t.dataSource.query(`SELECT array(SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id) AS roles FROM users u WHERE login = 'taken'`);
      expect(holder.roles).toEqual(['sales_rep']);

      for (const login of ['x', 'has space', 'a'.repeat(65), 'ümid']) {
        const invalid = await crm(['create-admin', '--login', login], env);
        expect(invalid.code).toBe(2);
        expect(invalid.stderr).toMatch(/^crm create-admin: invalid --login: login must be 2-64 letters, digits or \. _ @ -\n/);
      }
      const short = await crm(['create-admin', '--login', 'shorty', '--password-stdin'], env, 'too-short\n');
      expect(short.code).toBe(2);
      expect(short.stderr).toMatch(/^crm create-admin: invalid the password from standard input: .*10/);
      const badEmail = await crm(['create-admin', '--login', 'mailer', '--email', 'not-an-address'], env);
      expect(badEmail.code).toBe(2);

      expect(await userCount()).toBe(users);
      expect((await t.dataSource.query('SELECT count(*)::int AS n FROM audit.events'))[0].n).toBe(events);
    });
  });

  describe('user reset-password', () => {
    it('prints a new one-time password, retires the old one and ends every session', async () => {
      const user = await t.createUser('reset.me', ['sales_rep']);
      const first = await t.login('reset.me');
      const second = await t.login('reset.me');

      const result = await crm(['user', 'reset-password', 'Reset.Me'], env);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const password = printedPassword(result.stdout);

      const [row] = await t.dataSource.query('SELECT password_hash, must_change_password FROM users WHERE id = $1', [user.id]);
      expect(await verifyPassword(row.password_hash, user.password)).toBe(false);
      expect(await verifyPassword(row.password_hash, password)).toBe(true);
      expect(row.must_change_password).toBe(true);
      const [{ live }] = await t.dataSource.query('SELECT count(*)::int AS live FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL', [user.id]);
      expect(live).toBe(0);
      for (const session of [first, second]) {
        expect((await t.http().post('/api/v1/auth/refresh').set('Cookie', session.cookie)).status).toBe(401);
      }
      expect((await t.http().post('/api/v1/auth/login').send({ login: 'reset.me', password: user.password })).status).toBe(401);
      const fresh = await t.http().post('/api/v1/auth/login').send({ login: 'reset.me', password });
      expect(fresh.status).toBe(200);
      expect(fresh.body.user.mustChangePassword).toBe(true);
      expect(cookiesOf(fresh)).not.toBe('');
    });

    it('says so when no user has the login', async () => {
      const result = await crm(['user', 'reset-password', 'ghost'], env);
      expect(result).toEqual({ code: 1, stdout: '', stderr: 'crm user reset-password: no user with login "ghost"\n' });
    });
  });

  describe('audit', () => {
    it('records the changes as made by the system from the command line, then verifies the chain', async () => {
      const events: { request_id: string; kind: string; action: string; table_name: string; actor_id: string | null; details: unknown }[] = await t.dataSource.query(
        `SELECT request_id, kind, action, table_name, actor_id, details FROM audit.events WHERE request_id LIKE 'cli:%' ORDER BY id`,
      );
      expect(events.every((e) => e.actor_id === null)).toBe(true);
      const summary = events.map((e) => `${e.request_id} ${e.kind} ${e.action} ${e.table_name}`);
      expect(summary).toEqual(
        expect.arrayContaining([
          'cli:create-admin data insert users',
          'cli:create-admin data insert user_roles',
          'cli:create-admin app role.assigned users',
          'cli:user-reset-password data update users',
          'cli:user-reset-password app auth.password.reset users',
        ]),
      );
      expect(events.find((e) => e.action === 'role.assigned')?.details).toEqual({ before: [], after: ['admin'] });

      const verify = await crm(['audit', 'verify'], env);
      expect(verify.code).toBe(0);
      expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
    });
  });

  describe('migrate', () => {
    let database: { url: string; drop(): Promise<void> };
    let dataSource: DataSource;
    let migrateEnv: NodeJS.ProcessEnv;
    const last = MIGRATIONS[MIGRATIONS.length - 1].name;
    // The newest migration adds the index of the imports whose uploaded files are still kept.
    const newestIndex = async (): Promise<boolean> =>
      (await dataSource.query(`SELECT to_regclass('public.imports_file_kept') IS NOT NULL AS present`))[0].present;

    beforeAll(async () => {
      database = await createTestDatabase();
      dataSource = createDataSource({ url: database.url, poolSize: 2 });
      await dataSource.initialize();
      migrateEnv = { ...env, DATABASE_URL: database.url };
    });
    afterAll(async () => {
      await dataSource.destroy();
      await database.drop();
    });

    it('down without --yes says what it would revert and changes nothing', async () => {
      const result = await crm(['migrate', 'down'], migrateEnv);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^Would revert ${last},.*--yes`));
      expect(await newestIndex()).toBe(true);
      expect(await pendingMigrations(dataSource)).toEqual([]);
    });

    it('down --yes reverts exactly the last migration, and up applies it again', async () => {
      expect(await crm(['migrate', 'status'], migrateEnv)).toEqual({ code: 0, stdout: 'All migrations are applied.\n', stderr: '' });
      const down = await crm(['migrate', 'down', '--yes'], migrateEnv);
      expect(down).toEqual({ code: 0, stdout: `Reverted:\n  ${last}\n`, stderr: '' });
      expect(await newestIndex()).toBe(false);
      expect(await pendingMigrations(dataSource)).toEqual([last]);
      const [{ users }] = await dataSource.query(`SELECT to_regclass('public.users') IS NOT NULL AS users`);
      expect(users).toBe(true);

      expect(await crm(['migrate', 'status'], migrateEnv)).toEqual({ code: 0, stdout: `Pending:\n  ${last}\n`, stderr: '' });
      expect(await crm(['migrate', 'up'], migrateEnv)).toEqual({ code: 0, stdout: `Applied:\n  ${last}\n`, stderr: '' });
      expect(await newestIndex()).toBe(true);
      expect(await pendingMigrations(dataSource)).toEqual([]);
      expect(await crm(['migrate', 'up'], migrateEnv)).toEqual({ code: 0, stdout: 'Nothing to apply.\n', stderr: '' });
    });
  });
});
