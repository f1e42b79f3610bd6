import { MigrationInterface, QueryRunner } from 'typeorm';

const SOURCES = `'phone_call', 'website', 'social_media', 'advertising', 'referral', 'other'`;

/** The default pipeline of a new install, its stages in order and the reasons a deal is lost, in every language. */
const DEFAULT_PIPELINE = { az: 'Satış', tr: 'Satış', en: 'Sales', ru: 'Продажи' };
const DEFAULT_STAGES: { kind: 'open' | 'won' | 'lost'; probability: number; labels: Record<string, string> }[] = [
  { kind: 'open', probability: 10, labels: { az: 'İlkin əlaqə', tr: 'İlk temas', en: 'Initial contact', ru: 'Первичный контакт' } },
  { kind: 'open', probability: 25, labels: { az: 'Ehtiyacların təhlili', tr: 'İhtiyaç analizi', en: 'Needs analysis', ru: 'Выявление потребностей' } },
  { kind: 'open', probability: 50, labels: { az: 'Təklif göndərildi', tr: 'Teklif gönderildi', en: 'Proposal sent', ru: 'Предложение отправлено' } },
  { kind: 'open', probability: 75, labels: { az: 'Danışıqlar gedir', tr: 'Pazarlık', en: 'Negotiation', ru: 'Переговоры' } },
  { kind: 'won', probability: 100, labels: { az: 'Satış bağlandı', tr: 'Kazanıldı', en: 'Won', ru: 'Успешно' } },
  { kind: 'lost', probability: 0, labels: { az: 'Uduzuldu', tr: 'Kaybedildi', en: 'Lost', ru: 'Проиграно' } },
];
const DEFAULT_LOST_REASONS: Record<string, string>[] = [
  { az: 'Qiymət yüksəkdir', tr: 'Fiyat yüksek', en: 'Price too high', ru: 'Слишком дорого' },
  { az: 'Rəqibi seçdi', tr: 'Rakibi seçti', en: 'Chose a competitor', ru: 'Выбрал конкурента' },
  { az: 'Büdcə yoxdur', tr: 'Bütçe yok', en: 'No budget', ru: 'Нет бюджета' },
  { az: 'Cavab vermir', tr: 'Yanıt vermiyor', en: 'No response', ru: 'Нет ответа' },
  { az: 'Ehtiyac yoxdur', tr: 'İhtiyacı yok', en: 'No need', ru: 'Нет потребности' },
];

/**
 * The sales side: pipelines with ordered stages (win probability and kind), the admin-defined
 * lost reasons, deals with their line items and a history of the stages each deal went through,
 * tasks and planned meetings and calls with their participants and reminders, the in-app
 * notifications those reminders raise, and the secrets of the users' calendar feeds.
 *
 * Names and labels: `name` is what an admin typed; `labels` holds it per language
 * (`{"az": …, "tr": …, "en": …, "ru": …}`) and a client shows `labels[lang] ?? name`.
 * A deal's stage history is written by a trigger, so no path (API, import, bulk reassignment,
 * SQL by hand) can move a deal without leaving its history behind.
 */
export class Sales1732000000020 implements MigrationInterface {
  name = 'Sales1732000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pipelines (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name              varchar(100) NOT NULL,
        labels            jsonb NOT NULL DEFAULT '{}',
        position          integer NOT NULL DEFAULT 0,
        stale_after_days  integer NOT NULL DEFAULT 14 CHECK (stale_after_days BETWEEN 1 AND 365),
        archived          boolean NOT NULL DEFAULT false,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        created_by        uuid REFERENCES users (id),
        version           integer NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE TABLE pipeline_stages (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pipeline_id       uuid NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
        name              varchar(100) NOT NULL,
        labels            jsonb NOT NULL DEFAULT '{}',
        position          integer NOT NULL DEFAULT 0,
        probability       integer NOT NULL CHECK (probability BETWEEN 0 AND 100),
        kind              varchar(8) NOT NULL DEFAULT 'open' CHECK (kind IN ('open', 'won', 'lost')),
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        created_by        uuid REFERENCES users (id),
        version           integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX pipeline_stages_pipeline ON pipeline_stages (pipeline_id, position)`);
    await q.query(`
      CREATE TABLE lost_reasons (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name              varchar(100) NOT NULL,
        labels            jsonb NOT NULL DEFAULT '{}',
        position          integer NOT NULL DEFAULT 0,
        archived          boolean NOT NULL DEFAULT false,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        created_by        uuid REFERENCES users (id),
        version           integer NOT NULL DEFAULT 1
      )`);

    await q.query(`
      CREATE TABLE deals (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title               varchar(300) NOT NULL,
        amount              numeric(16, 2) CHECK (amount >= 0),
        currency            char(3) NOT NULL,
        expected_close_date date,
        pipeline_id         uuid NOT NULL REFERENCES pipelines (id),
        stage_id            uuid NOT NULL REFERENCES pipeline_stages (id),
        stage_entered_at    timestamptz NOT NULL DEFAULT now(),
        contact_id          uuid REFERENCES contacts (id) ON DELETE SET NULL,
        company_id          uuid REFERENCES companies (id) ON DELETE SET NULL,
        source              varchar(16) CHECK (source IN (${SOURCES})),
        lost_reason_id      uuid REFERENCES lost_reasons (id),
        lost_note           varchar(1000),
        closed_at           timestamptz,
        tags                text[] NOT NULL DEFAULT '{}',
        last_contacted_at   timestamptz,
        owner_id            uuid NOT NULL REFERENCES users (id),
        custom              jsonb NOT NULL DEFAULT '{}',
        search_text         text NOT NULL DEFAULT '',
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        created_by          uuid REFERENCES users (id),
        version             integer NOT NULL DEFAULT 1
      )`);
    // A board column: the deals of one stage, newest change first; the owner rides along for the permission filter.
    await q.query(`CREATE INDEX deals_stage ON deals (stage_id, updated_at, id) INCLUDE (owner_id)`);
    await q.query(`CREATE INDEX deals_recent ON deals (updated_at, id) INCLUDE (owner_id)`);
    await q.query(`CREATE INDEX deals_owner ON deals (owner_id, updated_at, id)`);
    await q.query(`CREATE INDEX deals_pipeline_close ON deals (pipeline_id, expected_close_date)`);
    await q.query(`CREATE INDEX deals_contact ON deals (contact_id) WHERE contact_id IS NOT NULL`);
    await q.query(`CREATE INDEX deals_company ON deals (company_id) WHERE company_id IS NOT NULL`);
    await q.query(`CREATE INDEX deals_search ON deals USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX deals_tags ON deals USING gin (tags)`);
    await q.query(`
      CREATE FUNCTION deal_search_document(deal_id uuid) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT crm_fold(concat_ws(' ', d.title, c.name, co.name))
          FROM deals d
          LEFT JOIN contacts c ON c.id = d.contact_id
          LEFT JOIN companies co ON co.id = d.company_id
         WHERE d.id = deal_search_document.deal_id
      $$`);

    await q.query(`
      CREATE TABLE deal_line_items (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deal_id           uuid NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
        position          integer NOT NULL DEFAULT 0,
        name              varchar(300) NOT NULL,
        quantity          numeric(14, 3) NOT NULL CHECK (quantity > 0),
        unit_price        numeric(16, 2) NOT NULL CHECK (unit_price >= 0),
        discount_percent  numeric(5, 2) NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
        total             numeric(16, 2) GENERATED ALWAYS AS (round(quantity * unit_price * (100 - discount_percent) / 100, 2)) STORED,
        created_at        timestamptz NOT NULL DEFAULT now(),
        created_by        uuid REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX deal_line_items_deal ON deal_line_items (deal_id, position)`);

    await q.query(`
      CREATE TABLE deal_stage_history (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        deal_id           uuid NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
        pipeline_id       uuid NOT NULL REFERENCES pipelines (id),
        stage_id          uuid NOT NULL REFERENCES pipeline_stages (id),
        entered_at        timestamptz NOT NULL,
        entered_by        uuid REFERENCES users (id),
        left_at           timestamptz,
        left_by           uuid REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX deal_stage_history_deal ON deal_stage_history (deal_id, entered_at)`);
    await q.query(`CREATE INDEX deal_stage_history_stage ON deal_stage_history (stage_id, entered_at)`);
    await q.query(`
      CREATE FUNCTION deal_stage_moved() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        actor uuid := nullif(current_setting('crm.actor_id', true), '')::uuid;
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.stage_id IS NOT DISTINCT FROM OLD.stage_id THEN
            RETURN NULL;
          END IF;
          UPDATE deal_stage_history SET left_at = NEW.stage_entered_at, left_by = actor
           WHERE deal_id = NEW.id AND left_at IS NULL;
        END IF;
        INSERT INTO deal_stage_history (deal_id, pipeline_id, stage_id, entered_at, entered_by)
        VALUES (NEW.id, NEW.pipeline_id, NEW.stage_id, NEW.stage_entered_at, actor);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER stage_history AFTER INSERT OR UPDATE OF stage_id ON deals FOR EACH ROW EXECUTE FUNCTION deal_stage_moved()`);

    await q.query(`
      CREATE TABLE tasks (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind              varchar(8) NOT NULL DEFAULT 'task' CHECK (kind IN ('task', 'meeting', 'call')),
        title             varchar(300) NOT NULL,
        description       text,
        due_at            timestamptz,
        ends_at           timestamptz,
        all_day           boolean NOT NULL DEFAULT false,
        location          varchar(300),
        meeting_url       varchar(500),
        priority          varchar(8) NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
        status            varchar(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
        completed_at      timestamptz,
        remind_at         timestamptz,
        reminded_at       timestamptz,
        contact_id        uuid REFERENCES contacts (id) ON DELETE SET NULL,
        company_id        uuid REFERENCES companies (id) ON DELETE SET NULL,
        deal_id           uuid REFERENCES deals (id) ON DELETE SET NULL,
        owner_id          uuid NOT NULL REFERENCES users (id),
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        created_by        uuid REFERENCES users (id),
        version           integer NOT NULL DEFAULT 1,
        CHECK (kind = 'task' OR due_at IS NOT NULL),
        CHECK (ends_at IS NULL OR (due_at IS NOT NULL AND ends_at >= due_at))
      )`);
    await q.query(`CREATE INDEX tasks_owner_open ON tasks (owner_id, due_at, id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX tasks_owner_due ON tasks (owner_id, due_at, id)`);
    await q.query(`CREATE INDEX tasks_due ON tasks (due_at, id)`);
    await q.query(`CREATE INDEX tasks_reminder ON tasks (remind_at) WHERE reminded_at IS NULL AND status = 'open'`);
    await q.query(`CREATE INDEX tasks_contact ON tasks (contact_id) WHERE contact_id IS NOT NULL`);
    await q.query(`CREATE INDEX tasks_company ON tasks (company_id) WHERE company_id IS NOT NULL`);
    await q.query(`CREATE INDEX tasks_deal ON tasks (deal_id) WHERE deal_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE task_participants (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id           uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        user_id           uuid REFERENCES users (id) ON DELETE CASCADE,
        contact_id        uuid REFERENCES contacts (id) ON DELETE CASCADE,
        CHECK (num_nonnulls(user_id, contact_id) = 1),
        UNIQUE (task_id, user_id),
        UNIQUE (task_id, contact_id)
      )`);
    await q.query(`CREATE INDEX task_participants_user ON task_participants (user_id) WHERE user_id IS NOT NULL`);
    await q.query(`CREATE INDEX task_participants_contact ON task_participants (contact_id) WHERE contact_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE notifications (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind              varchar(32) NOT NULL,
        data              jsonb NOT NULL DEFAULT '{}',
        task_id           uuid REFERENCES tasks (id) ON DELETE CASCADE,
        created_at        timestamptz NOT NULL DEFAULT now(),
        read_at           timestamptz
      )`);
    await q.query(`CREATE INDEX notifications_user ON notifications (user_id, created_at, id)`);
    await q.query(`CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL`);
    await q.query(`
      CREATE TABLE calendar_feeds (
        user_id           uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        secret_hash       char(64) NOT NULL UNIQUE,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`ALTER TABLE activities ADD CONSTRAINT activities_deal_fk FOREIGN KEY (deal_id) REFERENCES deals (id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE attachments ADD CONSTRAINT attachments_deal_fk FOREIGN KEY (deal_id) REFERENCES deals (id) ON DELETE CASCADE`);

    for (const [table, keys, redacted] of [
      ['pipelines', 'id', null],
      ['pipeline_stages', 'id', null],
      ['lost_reasons', 'id', null],
      ['deals', 'id', null],
      ['deal_line_items', 'deal_id', null],
      ['tasks', 'id', null],
      ['task_participants', 'task_id', null],
      ['calendar_feeds', 'user_id', 'secret_hash'],
    ] as const) {
      await q.query(`SELECT audit.attach($1::regclass, $2, $3)`, [table, keys, redacted]);
    }

    const [pipeline] = await q.query(
      `INSERT INTO pipelines (name, labels) VALUES ($1, $2) RETURNING id`,
      [DEFAULT_PIPELINE.en, DEFAULT_PIPELINE],
    );
    for (const [position, stage] of DEFAULT_STAGES.entries()) {
      await q.query(
        `INSERT INTO pipeline_stages (pipeline_id, name, labels, position, probability, kind) VALUES ($1, $2, $3, $4, $5, $6)`,
        [pipeline.id, stage.labels.en, stage.labels, position, stage.probability, stage.kind],
      );
    }
    for (const [position, labels] of DEFAULT_LOST_REASONS.entries()) {
      await q.query(`INSERT INTO lost_reasons (name, labels, position) VALUES ($1, $2, $3)`, [labels.en, labels, position]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attachments DROP CONSTRAINT attachments_deal_fk`);
    await q.query(`ALTER TABLE activities DROP CONSTRAINT activities_deal_fk`);
    await q.query(`DROP TABLE calendar_feeds, notifications, task_participants, tasks`);
    await q.query(`DROP TABLE deal_stage_history, deal_line_items, deals`);
    await q.query(`DROP FUNCTION deal_stage_moved()`);
    await q.query(`DROP FUNCTION deal_search_document(uuid)`);
    await q.query(`DROP TABLE lost_reasons, pipeline_stages, pipelines`);
  }
}
