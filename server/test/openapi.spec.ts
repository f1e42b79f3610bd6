import { createTestApp, TestApp } from './test-app';

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
});
