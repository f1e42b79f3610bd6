import { createTestApp, TestApp } from './test-app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers ready', async () => {
    const res = await t.http().get('/health/ready');
    expect(res.status).toBe(200);
  });
});
