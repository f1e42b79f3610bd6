import { readRepoFile } from './deploy-files';

const CONF = readRepoFile('deploy/nginx/crm.conf');
/** Active (uncommented) directives, one per statement. */
const ACTIVE = CONF.split('\n')
  .map((line) => line.replace(/#.*$/, '').trim())
  .filter(Boolean)
  .join(' ');

/** The location regex nginx uses for hashed client files, as a JavaScript RegExp. */
function hashedAssetPattern(): RegExp {
  const match = /location ~\* "([^"]+)"\s*\{[^}]*immutable/.exec(ACTIVE);
  expect(match).not.toBeNull();
  return new RegExp(match![1], 'i');
}

/** `keyword … { … }` blocks of a config, braces inside quoted strings (regex quantifiers) ignored. */
function blocks(text: string, keyword: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(new RegExp(`\\b${keyword}\\s`, 'g'))) {
    let depth = 0;
    let quoted = false;
    for (let i = match.index; i < text.length; i += 1) {
      const c = text[i];
      if (c === '"') {
        quoted = !quoted;
      } else if (!quoted && c === '{') {
        depth += 1;
      } else if (!quoted && c === '}') {
        depth -= 1;
        if (depth === 0) {
          found.push(text.slice(match.index, i + 1));
          break;
        }
      }
    }
  }
  return found;
}

describe('deploy/nginx/crm.conf', () => {
  it('accepts bodies up to the server body limit and no more', () => {
    const serverLimit = /bodyLimit:\s*(\d+)\s*\*\s*1024\s*\*\s*1024/.exec(readRepoFile('server/src/app.ts'));
    expect(serverLimit).not.toBeNull();
    expect(ACTIVE).toContain(`client_max_body_size ${serverLimit![1]}m;`);
  });

  it('redirects HTTP to HTTPS and speaks TLS 1.2/1.3 with HTTP/2 and HSTS', () => {
    // The port-80 server block answers with the redirect before the TLS server block starts.
    expect(ACTIVE).toMatch(/listen 80;(?:(?!listen 443).)*return 301 https:\/\/\$host\$request_uri;/);
    expect(ACTIVE).toContain('listen 443 ssl;');
    expect(ACTIVE).toContain('http2 on;');
    expect(ACTIVE).toContain('ssl_protocols TLSv1.2 TLSv1.3;');
    expect(ACTIVE).not.toMatch(/TLSv1(\.1)?[ ;]/);
    expect(ACTIVE).toMatch(/add_header Strict-Transport-Security "max-age=\d{8,}/);
  });

  it('sends exactly one HSTS header in every proxied location (the CRM sends its own too)', () => {
    const tls = ACTIVE.slice(ACTIVE.indexOf('listen 443'));
    const locations = blocks(tls, 'location');
    const serverLevel = locations.reduce((text, block) => text.replace(block, ''), tls);
    expect(serverLevel).toContain('proxy_hide_header Strict-Transport-Security;');
    expect(serverLevel).toContain('add_header Strict-Transport-Security');
    // nginx inherits add_header / proxy_hide_header only into blocks that define none themselves.
    for (const block of locations.filter((b) => /add_header|proxy_hide_header/.test(b))) {
      expect(block).toContain('proxy_hide_header Strict-Transport-Security;');
      expect(block).toContain('add_header Strict-Transport-Security');
    }
  });

  it('passes the client address, scheme, host and request id to the CRM', () => {
    for (const header of ['Host $host', 'X-Forwarded-For $remote_addr', 'X-Forwarded-Proto $scheme', 'X-Request-Id $crm_request_id']) {
      expect(ACTIVE).toContain(`proxy_set_header ${header};`);
    }
    expect(ACTIVE).toMatch(/proxy_read_timeout \d+s;/);
    expect(CONF).toMatch(/CRM_TRUSTED_PROXIES/);
  });

  it('caches exactly the content-hashed client files for a year', () => {
    const hashed = hashedAssetPattern();
    for (const path of ['/main-W7JWTHPS.js', '/chunk-25EIHNLE.js', '/styles-Q2VQSTYA.css', '/media/roboto-latin-400-normal-LOX3CHMS.woff2']) {
      expect(hashed.test(path)).toBe(true);
    }
    for (const path of ['/index.html', '/favicon.svg', '/i18n/az.json', '/api/v1/customers', '/health/live', '/media/logo.png']) {
      expect(hashed.test(path)).toBe(false);
    }
    expect(ACTIVE).toMatch(/add_header Cache-Control "public, max-age=31536000, immutable" always;/);
  });

  it('compresses text with gzip and documents brotli for builds that have it', () => {
    expect(ACTIVE).toMatch(/gzip on;[^}]*gzip_types [^;]*application\/json/);
    expect(CONF).toMatch(/^\s*#\s*brotli on;/m);
  });
});
