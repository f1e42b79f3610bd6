import { MigrationInterface, QueryRunner } from 'typeorm';

const SOURCES = `'phone_call', 'website', 'social_media', 'advertising', 'referral', 'other'`;
const LIFECYCLES = `'lead', 'prospect', 'customer', 'former'`;

/** The audit capture of migration 1 with `search_text` (a derived search document) left out of every diff. */
const CAPTURE = (ignored: string): string => `
  CREATE OR REPLACE FUNCTION audit.capture() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    old_row  jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    new_row  jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    row_data jsonb := coalesce(new_row, old_row);
    keys     text[] := string_to_array(coalesce(TG_ARGV[0], 'id'), ',');
    redacted text[] := string_to_array(coalesce(TG_ARGV[1], ''), ',');
    diff     jsonb;
  BEGIN
    SELECT jsonb_object_agg(
             f.key,
             CASE WHEN f.key = ANY (redacted)
                  THEN jsonb_build_object('old', CASE WHEN old_row IS NOT NULL THEN '"[redacted]"'::jsonb END,
                                          'new', CASE WHEN new_row IS NOT NULL THEN '"[redacted]"'::jsonb END)
                  ELSE jsonb_build_object('old', old_row -> f.key, 'new', new_row -> f.key) END)
      INTO diff
      FROM jsonb_object_keys(row_data) AS f(key)
     WHERE f.key NOT IN (${ignored})
       AND (TG_OP <> 'UPDATE'
            OR (f.key NOT IN ('updated_at', 'version', 'last_login_at') AND (old_row -> f.key) IS DISTINCT FROM (new_row -> f.key)));
    IF TG_OP = 'UPDATE' AND diff IS NULL THEN
      RETURN NULL;
    END IF;
    INSERT INTO audit.events (actor_id, ip, request_id, kind, action, table_name, record_id, changes)
    VALUES (nullif(current_setting('crm.actor_id', true), '')::uuid,
            nullif(current_setting('crm.ip', true), ''),
            nullif(current_setting('crm.request_id', true), ''),
            'data', lower(TG_OP), TG_TABLE_NAME,
            (SELECT string_agg(row_data ->> k, ':') FROM unnest(keys) AS k),
            diff);
    RETURN NULL;
  END $$`;

/**
 * Companies, the links between contacts and companies, contact points (phones, emails, messengers,
 * social profiles, web sites) and the customer fields of contacts: addresses, tags, source,
 * lifecycle, consent, last contact and next step. Search goes through one folded document per
 * record (`search_text`) that covers the name, every contact point and the linked companies.
 */
export class CompaniesAndContactPoints1732000000004 implements MigrationInterface {
  name = 'CompaniesAndContactPoints1732000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(CAPTURE(`'search_text'`));
    await q.query(`
      CREATE TABLE companies (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name              varchar(300) NOT NULL,
        legal_form        varchar(32),
        tax_id            varchar(32),
        industry          varchar(100),
        size              varchar(16) CHECK (size IN ('1-10', '11-50', '51-200', '201-500', '501-1000', '1000+')),
        website           varchar(300),
        email             varchar(254),
        phone             varchar(32),
        addresses         jsonb NOT NULL DEFAULT '[]',
        tags              text[] NOT NULL DEFAULT '{}',
        source            varchar(16) CHECK (source IN (${SOURCES})),
        lifecycle         varchar(16) NOT NULL DEFAULT 'lead' CHECK (lifecycle IN (${LIFECYCLES})),
        last_contacted_at timestamptz,
        next_step         varchar(300),
        next_step_at      timestamptz,
        owner_id          uuid NOT NULL REFERENCES users (id),
        custom            jsonb NOT NULL DEFAULT '{}',
        search_text       text NOT NULL DEFAULT '',
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        created_by        uuid REFERENCES users (id),
        version           integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX companies_search ON companies USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX companies_name_trgm ON companies USING gin (crm_fold(name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX companies_owner ON companies (owner_id, id)`);
    await q.query(`CREATE INDEX companies_updated ON companies (updated_at, id)`);
    await q.query(`CREATE INDEX companies_created ON companies (created_at, id)`);
    await q.query(`CREATE INDEX companies_name ON companies (name, id)`);
    await q.query(`CREATE INDEX companies_tax_id ON companies (tax_id) WHERE tax_id IS NOT NULL`);
    await q.query(`CREATE INDEX companies_tags ON companies USING gin (tags)`);
    await q.query(`CREATE INDEX companies_custom ON companies USING gin (custom jsonb_path_ops)`);
    await q.query(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON companies FOR EACH ROW EXECUTE FUNCTION audit.capture('id')`);

    await q.query(`
      ALTER TABLE contacts
        ADD COLUMN addresses            jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN tags                 text[] NOT NULL DEFAULT '{}',
        ADD COLUMN source               varchar(16) CHECK (source IN (${SOURCES})),
        ADD COLUMN lifecycle            varchar(16) NOT NULL DEFAULT 'lead' CHECK (lifecycle IN (${LIFECYCLES})),
        ADD COLUMN email_consent        boolean NOT NULL DEFAULT false,
        ADD COLUMN email_consent_at     timestamptz,
        ADD COLUMN email_consent_source varchar(100),
        ADD COLUMN sms_consent          boolean NOT NULL DEFAULT false,
        ADD COLUMN sms_consent_at       timestamptz,
        ADD COLUMN sms_consent_source   varchar(100),
        ADD COLUMN last_contacted_at    timestamptz,
        ADD COLUMN next_step            varchar(300),
        ADD COLUMN next_step_at         timestamptz,
        ADD COLUMN search_text          text NOT NULL DEFAULT ''`);
    await q.query(`CREATE INDEX contacts_name_trgm ON contacts USING gin (crm_fold(name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX contacts_tags ON contacts USING gin (tags)`);
    await q.query(`CREATE INDEX contacts_custom ON contacts USING gin (custom jsonb_path_ops)`);

    await q.query(`
      CREATE TABLE contact_companies (
        contact_id  uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        company_id  uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        job_title   varchar(200),
        is_primary  boolean NOT NULL DEFAULT false,
        created_at  timestamptz NOT NULL DEFAULT now(),
        created_by  uuid REFERENCES users (id),
        PRIMARY KEY (contact_id, company_id)
      )`);
    await q.query(`CREATE INDEX contact_companies_company ON contact_companies (company_id, contact_id)`);
    await q.query(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON contact_companies FOR EACH ROW EXECUTE FUNCTION audit.capture('contact_id,company_id')`);

    // kind: phone (E.164), email (lower case), messenger (channel whatsapp/telegram/...), social (channel facebook/instagram/linkedin/...), web.
    await q.query(`
      CREATE TABLE contact_points (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id  uuid REFERENCES contacts (id) ON DELETE CASCADE,
        company_id  uuid REFERENCES companies (id) ON DELETE CASCADE,
        kind        varchar(16) NOT NULL CHECK (kind IN ('phone', 'email', 'messenger', 'social', 'web')),
        channel     varchar(32),
        value       varchar(320) NOT NULL,
        label       varchar(64),
        is_primary  boolean NOT NULL DEFAULT false,
        position    smallint NOT NULL DEFAULT 0,
        created_at  timestamptz NOT NULL DEFAULT now(),
        created_by  uuid REFERENCES users (id),
        CHECK (num_nonnulls(contact_id, company_id) = 1)
      )`);
    await q.query(`CREATE INDEX contact_points_contact ON contact_points (contact_id, position) WHERE contact_id IS NOT NULL`);
    await q.query(`CREATE INDEX contact_points_company ON contact_points (company_id, position) WHERE company_id IS NOT NULL`);
    await q.query(`CREATE INDEX contact_points_value ON contact_points (kind, value)`);
    await q.query(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON contact_points FOR EACH ROW EXECUTE FUNCTION audit.capture('id')`);

    // The folded search documents. Phones also appear as bare digits, so "994501234567" and "1234567" find "+994501234567".
    await q.query(`
      CREATE FUNCTION contact_search_document(contact_id uuid) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT crm_fold(concat_ws(' ', c.name, c.email, c.phone, regexp_replace(c.phone, '\\D', '', 'g'),
                 (SELECT string_agg(CASE WHEN p.kind = 'phone' THEN p.value || ' ' || regexp_replace(p.value, '\\D', '', 'g') ELSE p.value END, ' ' ORDER BY p.position)
                    FROM contact_points p WHERE p.contact_id = c.id),
                 (SELECT string_agg(co.name, ' ') FROM contact_companies l JOIN companies co ON co.id = l.company_id WHERE l.contact_id = c.id)))
          FROM contacts c WHERE c.id = contact_search_document.contact_id
      $$`);
    await q.query(`
      CREATE FUNCTION company_search_document(company_id uuid) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT crm_fold(concat_ws(' ', co.name, co.tax_id, co.website, co.email, co.phone, regexp_replace(co.phone, '\\D', '', 'g'),
                 (SELECT string_agg(CASE WHEN p.kind = 'phone' THEN p.value || ' ' || regexp_replace(p.value, '\\D', '', 'g') ELSE p.value END, ' ' ORDER BY p.position)
                    FROM contact_points p WHERE p.company_id = co.id)))
          FROM companies co WHERE co.id = company_search_document.company_id
      $$`);

    // Existing e-mails and phones become contact points (phones keep + and digits; the application normalises on the next edit).
    await q.query(`
      INSERT INTO contact_points (contact_id, kind, value, is_primary, position, created_at, created_by)
      SELECT id, 'email', lower(email), true, 0, created_at, created_by FROM contacts WHERE email IS NOT NULL
      UNION ALL
      SELECT id, 'phone', regexp_replace(phone, '[^0-9+]', '', 'g'), true, 1, created_at, created_by FROM contacts WHERE phone IS NOT NULL`);
    await q.query(`UPDATE contacts SET search_text = contact_search_document(id)`);
    await q.query(`DROP INDEX contacts_search`);
    await q.query(`DROP FUNCTION contacts_search_text(text, text, text)`);
    await q.query(`CREATE INDEX contacts_search ON contacts USING gin (search_text gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contacts_search`);
    await q.query(`
      CREATE FUNCTION contacts_search_text(name text, email text, phone text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT crm_fold(name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))
      $$`);
    await q.query(`CREATE INDEX contacts_search ON contacts USING gin (contacts_search_text(name, email, phone) gin_trgm_ops)`);
    await q.query(`DROP FUNCTION contact_search_document(uuid)`);
    await q.query(`DROP FUNCTION company_search_document(uuid)`);
    await q.query(`DROP TABLE contact_points`);
    await q.query(`DROP TABLE contact_companies`);
    await q.query(`DROP INDEX contacts_name_trgm`);
    await q.query(`DROP INDEX contacts_tags`);
    await q.query(`DROP INDEX contacts_custom`);
    await q.query(`
      ALTER TABLE contacts
        DROP COLUMN addresses, DROP COLUMN tags, DROP COLUMN source, DROP COLUMN lifecycle,
        DROP COLUMN email_consent, DROP COLUMN email_consent_at, DROP COLUMN email_consent_source,
        DROP COLUMN sms_consent, DROP COLUMN sms_consent_at, DROP COLUMN sms_consent_source,
        DROP COLUMN last_contacted_at, DROP COLUMN next_step, DROP COLUMN next_step_at, DROP COLUMN search_text`);
    await q.query(`DROP TABLE companies`);
    await q.query(CAPTURE(`''`));
  }
}
