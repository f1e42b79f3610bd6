import { MigrationInterface, QueryRunner } from 'typeorm';

type Rule = { subject: string; action: string; scope: 'own' | 'team' | 'all' };

const CRUD = ['read', 'create', 'update', 'delete'];
const FULL = [...CRUD, 'export', 'assign'];

function rules(subjects: string[], actions: string[], scope: Rule['scope']): Rule[] {
  return subjects.flatMap((subject) => actions.map((action) => ({ subject, action, scope })));
}

const EVERY_SUBJECT = [
  'Contact', 'Company', 'Deal', 'Activity', 'Task', 'Case', 'Campaign', 'Segment', 'Report',
  'AuditEvent', 'User', 'Team', 'Role', 'Pipeline', 'AutomationRule', 'Settings',
];
const DIRECTORY = rules(['User', 'Team'], ['read'], 'all');

/** The built-in roles as shipped with this version; admins add their own beside them. */
const BUILT_IN_ROLES: { name: string; label: string; description: string; rules: Rule[] }[] = [
  {
    name: 'admin', label: 'Administrator', description: 'Manages everything, including users, roles and settings.',
    rules: [{ subject: 'all', action: 'manage', scope: 'all' }],
  },
  {
    name: 'manager', label: 'Manager', description: 'Sees and changes all business records; reads users and teams.',
    rules: [
      ...rules(['Contact', 'Company', 'Deal', 'Activity', 'Task', 'Case', 'Campaign', 'Segment', 'Report'], FULL, 'all'),
      ...rules(['Pipeline', 'AutomationRule'], CRUD, 'all'),
      ...DIRECTORY,
    ],
  },
  {
    name: 'team_lead', label: 'Team lead', description: "Sees and changes the records owned by the members of their teams.",
    rules: [
      ...rules(['Contact', 'Company', 'Deal', 'Activity', 'Task', 'Case', 'Report'], FULL, 'team'),
      ...rules(['AutomationRule'], CRUD, 'all'),
      ...rules(['Pipeline'], ['read'], 'all'),
      ...DIRECTORY,
    ],
  },
  {
    name: 'sales_rep', label: 'Sales representative', description: 'Works with the customers, deals and tasks they own.',
    rules: [...rules(['Contact', 'Company', 'Deal', 'Activity', 'Task'], CRUD, 'own'), ...rules(['Pipeline'], ['read'], 'all'), ...DIRECTORY],
  },
  {
    name: 'service_agent', label: 'Service agent', description: 'Handles their service requests; looks up every customer.',
    rules: [
      ...rules(['Contact', 'Company'], ['read'], 'all'),
      ...rules(['Contact', 'Company'], ['create', 'update'], 'own'),
      ...rules(['Case', 'Activity', 'Task'], CRUD, 'own'),
      ...DIRECTORY,
    ],
  },
  {
    name: 'marketer', label: 'Marketer', description: 'Runs campaigns and segments; reads and exports customers.',
    rules: [
      ...rules(['Campaign', 'Segment'], [...CRUD, 'export'], 'all'),
      ...rules(['Contact', 'Company'], ['read', 'export'], 'all'),
      ...rules(['Report'], ['read'], 'all'),
      ...DIRECTORY,
    ],
  },
  {
    name: 'auditor', label: 'Auditor', description: 'Reads everything, including the audit log; changes nothing.',
    rules: [...rules(EVERY_SUBJECT, ['read'], 'all'), { subject: 'AuditEvent', action: 'export', scope: 'all' }],
  },
];

/** Users, teams, roles, sessions and the login throttle, with audit triggers. */
export class Auth1732000000002 implements MigrationInterface {
  name = 'Auth1732000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        login                varchar(64) NOT NULL,
        email                varchar(254),
        display_name         varchar(200) NOT NULL,
        locale               varchar(5) NOT NULL DEFAULT 'az',
        active               boolean NOT NULL DEFAULT true,
        password_hash        text,
        must_change_password boolean NOT NULL DEFAULT false,
        last_login_at        timestamptz,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        created_by           uuid,
        version              integer NOT NULL DEFAULT 1,
        CONSTRAINT users_login_key UNIQUE (login),
        CONSTRAINT users_login_lowercase CHECK (login = lower(login)),
        CONSTRAINT users_locale_check CHECK (locale IN ('az', 'tr', 'en', 'ru'))
      )`);
    await q.query(`
      CREATE TABLE teams (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name        varchar(200) NOT NULL,
        lead_id     uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        created_by  uuid,
        version     integer NOT NULL DEFAULT 1,
        CONSTRAINT teams_name_key UNIQUE (name)
      )`);
    await q.query(`
      CREATE TABLE team_members (
        team_id    uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, user_id)
      )`);
    await q.query(`CREATE INDEX team_members_user ON team_members (user_id)`);
    await q.query(`
      CREATE TABLE roles (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name        varchar(64) NOT NULL,
        label       varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        built_in    boolean NOT NULL DEFAULT false,
        rules       jsonb NOT NULL DEFAULT '[]',
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        created_by  uuid,
        version     integer NOT NULL DEFAULT 1,
        CONSTRAINT roles_name_key UNIQUE (name)
      )`);
    await q.query(`
      CREATE TABLE user_roles (
        user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role_id    uuid NOT NULL REFERENCES roles (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, role_id)
      )`);
    await q.query(`CREATE INDEX user_roles_role ON user_roles (role_id)`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id   uuid NOT NULL,
        user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash  text NOT NULL UNIQUE,
        created_at  timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL,
        rotated_at  timestamptz,
        revoked_at  timestamptz,
        ip          text,
        user_agent  text
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE auth_throttle (
        key               text PRIMARY KEY,
        failures          integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        blocked_until     timestamptz
      )`);
    await q.query(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION audit.capture('id', 'password_hash')`);
    await q.query(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON teams FOR EACH ROW EXECUTE FUNCTION audit.capture('id')`);
    await q.query(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON team_members FOR EACH ROW EXECUTE FUNCTION audit.capture('team_id,user_id')`);
    await q.query(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON roles FOR EACH ROW EXECUTE FUNCTION audit.capture('id')`);
    await q.query(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON user_roles FOR EACH ROW EXECUTE FUNCTION audit.capture('user_id,role_id')`);
    for (const role of BUILT_IN_ROLES) {
      await q.query(`INSERT INTO roles (name, label, description, built_in, rules) VALUES ($1, $2, $3, true, $4)`, [
        role.name, role.label, role.description, JSON.stringify(role.rules),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE auth_throttle, refresh_tokens, user_roles, roles, team_members, teams, users`);
  }
}
