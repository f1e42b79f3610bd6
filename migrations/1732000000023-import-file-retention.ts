import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded import files hold customers' personal data and are kept for CRM_IMPORT_FILE_DAYS:
 * `file_removed_at` says when the nightly job removed an import's file, and the partial index
 * gives that job the imports whose files are still kept, oldest first.
 */
export class ImportFileRetention1732000000023 implements MigrationInterface {
  name = 'ImportFileRetention1732000000023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports ADD COLUMN file_removed_at timestamptz`);
    await q.query(`CREATE INDEX imports_file_kept ON imports (created_at) WHERE file_removed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX imports_file_kept`);
    await q.query(`ALTER TABLE imports DROP COLUMN file_removed_at`);
  }
}
