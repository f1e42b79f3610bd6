import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Returns a secret from configuration, or from a 0600 file in the data folder, creating it on
 * first use. Keeps keys such as the audit chain's outside the database.
 */
export function configuredOrFileSecret(configured: string | undefined, dataDir: string, fileName: string): string {
  if (configured) {
    return configured;
  }
  const file = join(dataDir, 'secrets', fileName);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  mkdirSync(join(dataDir, 'secrets'), { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
