import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { createTestApp, TestApp } from './test-app';

const MAIN_JS = `console.log(${JSON.stringify('x'.repeat(2000))});`;

/** A built client as Angular and scripts/build/compress-client.js leave it. */
function fakeClientBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crm-client-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><crm-root></crm-root><script src="main-AB12CD34.js" type="module"></script></body></html>');
  writeFileSync(join(dir, 'main-AB12CD34.js'), MAIN_JS);
  writeFileSync(join(dir, 'main-AB12CD34.js.br'), brotliCompressSync(MAIN_JS));
  writeFileSync(join(dir, 'main-AB12CD34.js.gz'), gzipSync(MAIN_JS));
  mkdirSync(join(dir, 'i18n'));
  writeFileSync(join(dir, 'i18n/az.json'), '{"app":{"search":"Axtarış"}}');
  writeFileSync(join(dir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe('the web client served by the server', () => {
  let t: TestApp;
  let clientDir: string;
  beforeAll(async () => {
    clientDir = fakeClientBuild();
    t = await createTestApp({ CRM_CLIENT_DIR: clientDir, CRM_COMPANY_NAME: 'Xəzər Ticarət MMC', CRM_COMPANY_LOGO: join(clientDir, 'logo.svg') });
  });
  afterAll(async () => {
    await t.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('serves index.html at / and for deep links of the single-page app, never cached', async () => {
    for (const path of ['/', '/contacts', '/contacts/6a1c9a52-3b43-4d8e-9a43-6b0d6e1d2f10?tab=history', '/admin/roles']) {
      const response = await t.http().get(path);
      expect({ path, status: response.status, type: response.headers['content-type'] }).toEqual({ path, status: 200, type: expect.stringMatching(/^text\/html/) });
      expect(response.text).toContain('<crm-root>');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed files for a year, compressed as the browser accepts', async () => {
    const brotli = await t.http().get('/main-AB12CD34.js').set('Accept-Encoding', 'br, gzip').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(brotli.headers['content-length'] ?? (brotli.body as Buffer).length)).toBeLessThan(MAIN_JS.length / 4);

    const gzip = await t.http().get('/main-AB12CD34.js').set('Accept-Encoding', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.text).toBe(MAIN_JS);

    const plain = await t.http().get('/main-AB12CD34.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(MAIN_JS);
  });

  it('revalidates files without a content hash, such as the translations', async () => {
    const response = await t.http().get('/i18n/az.json');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ app: { search: 'Axtarış' } });
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('answers unknown API paths and missing files with problem+json 404, not the page', async () => {
    for (const path of ['/api/v1/no-such-thing', '/health/nothing', '/chunk-MISSING1.js']) {
      const response = await t.http().get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('still answers the API and health routes, and API answers are never cached', async () => {
    expect((await t.http().get('/health/live')).status).toBe(200);
    const contacts = await t.http().get('/api/v1/contacts');
    expect(contacts.status).toBe(401);
    expect(contacts.headers['cache-control']).toBe('no-store');
    expect((await t.http().get('/api/v1/settings/branding')).headers['cache-control']).toBe('no-store');
  });

  it('tells the client the company name and serves its logo, before sign-in', async () => {
    const branding = await t.http().get('/api/v1/settings/branding');
    expect(branding.status).toBe(200);
    expect(branding.body).toEqual({ companyName: 'Xəzər Ticarət MMC', logoUrl: '/api/v1/settings/branding/logo' });
    const logo = await t.http().get('/api/v1/settings/branding/logo');
    expect(logo.status).toBe(200);
    expect(logo.headers['content-type']).toBe('image/svg+xml');
  });
});

describe('a server without a built client or logo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CRM_CLIENT_DIR: join(tmpdir(), 'crm-no-client-here') });
  });
  afterAll(() => t.close());

  it('serves the API and says so at /', async () => {
    expect((await t.http().get('/health/live')).status).toBe(200);
    expect((await t.http().get('/')).status).toBe(404);
    const branding = await t.http().get('/api/v1/settings/branding');
    expect(branding.body).toEqual({ companyName: 'CRM', logoUrl: null });
    expect((await t.http().get('/api/v1/settings/branding/logo')).status).toBe(404);
  });
});
