import { MigrationInterface, QueryRunner } from 'typeorm';

/** Fields that administrators add to contacts, companies and (later) deals; values live in each record's `custom` jsonb. */
export class CustomFields1732000000005 implements MigrationInterface {
  name = 'CustomFields1732000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE custom_field_definitions (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entity      varchar(16) NOT NULL CHECK (entity IN ('contact', 'company', 'deal')),
        key         varchar(64) NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]*$'),
        type        varchar(16) NOT NULL CHECK (type IN ('text', 'number', 'money', 'date', 'select', 'multiselect', 'checkbox', 'url', 'phone', 'email')),
        required    boolean NOT NULL DEFAULT false,
        labels      jsonb NOT NULL,
        options     jsonb NOT NULL DEFAULT '[]',
        position    integer NOT NULL DEFAULT 0,
        active      boolean NOT NULL DEFAULT true,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        created_by  uuid REFERENCES users (id),
        version     integer NOT NULL DEFAULT 1,
        UNIQUE (entity, key)
      )`);
    await q.query(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON custom_field_definitions FOR EACH ROW EXECUTE FUNCTION audit.capture('id')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE custom_field_definitions`);
  }
}
