import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from './test-app';

/** The web client's API types, generated from this document; `npm run api:types` rewrites them. */
const CLIENT_API_TYPES = join(__dirname, '../../client/src/app/core/api/api-schema.ts');
const HEADER = '// Generated from the server\'s OpenAPI document by `npm run api:types`. Do not edit.\n';

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is served as JSON and as a UI', async () => {
    const json = await t.http().get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    const ui = await t.http().get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('describes every route with an operation id, a summary and its responses', async () => {
    const doc = (await t.http().get('/api/docs-json')).body as { paths: Record<string, Record<string, { operationId?: string; summary?: string; responses?: object }>> };
    for (const path of ['/api/v1/contacts', '/api/v1/contacts/{id}', '/api/v1/auth/login', '/api/v1/users', '/api/v1/teams', '/api/v1/roles', '/api/v1/audit/events', '/api/v1/audit/verify', '/health/ready', '/metrics']) {
      expect(doc.paths[path]).toBeDefined();
    }
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThanOrEqual(30);
    const ids = new Set<string>();
    for (const { path, method, op } of operations) {
      expect({ path, method, operationId: typeof op.operationId, summary: typeof op.summary }).toEqual({ path, method, operationId: 'string', summary: 'string' });
      expect(Object.keys(op.responses ?? {}).length).toBeGreaterThan(0);
      ids.add(op.operationId!);
    }
    expect(ids.size).toBe(operations.length);
  });

  it('matches the API types committed for the web client', async () => {
    const generated = HEADER + generateTypes((await t.http().get('/api/docs-json')).text);
    if (process.env.UPDATE_API_TYPES === '1') {
      writeFileSync(CLIENT_API_TYPES, generated);
    }
    const committed = existsSync(CLIENT_API_TYPES) ? readFileSync(CLIENT_API_TYPES, 'utf8') : '';
    // A difference means the API changed without `npm run api:types`; the message says so.
    expect({ upToDate: committed === generated, fix: 'npm run api:types' }).toEqual({ upToDate: true, fix: 'npm run api:types' });
  });
});

/** openapi-typescript is ESM with ESM-only dependencies: run its CLI in a plain Node process. */
function generateTypes(document: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'crm-openapi-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), document);
    const cli = join(__dirname, '../../node_modules/openapi-typescript/bin/cli.js');
    execFileSync(process.execPath, [cli, join(dir, 'openapi.json'), '--output', join(dir, 'api.ts'), '--export-type', '--alphabetize', '--default-non-nullable', 'false'], { stdio: 'pipe' });
    return readFileSync(join(dir, 'api.ts'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
