import { readFileSync, rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { __crmEmbedded?: { stop(): Promise<void> } }).__crmEmbedded;
  await embedded?.stop();
  const stateFile = process.env.CRM_TEST_STATE_FILE;
  if (stateFile) {
    const { dataDir } = JSON.parse(readFileSync(stateFile, 'utf8')) as { dataDir?: string };
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
    }
    rmSync(stateFile, { force: true });
  }
}
