import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { ENV_KEYS, loadConfig } from '../../src/common/config/app-config';
import { healthRoutes, parseEnvFile, probedPaths, readRepoFile, REPO } from './deploy-files';

/** Read by the postgres image, not by the CRM. */
const POSTGRES_KEYS = ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB'];
const COMPOSE_DIR = join(REPO, 'deploy/compose');

interface Service {
  build?: { context: string; dockerfile: string };
  image?: string;
  env_file?: string | string[];
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
  profiles?: string[];
  networks?: Record<string, { ipv4_address?: string }> | string[];
}

function compose(): { services: Record<string, Service>; volumes: Record<string, unknown> } {
  const doc = parseDocument(readRepoFile('deploy/compose/docker-compose.yml'));
  expect(doc.errors).toEqual([]);
  return doc.toJS();
}

const example = parseEnvFile(readRepoFile('deploy/compose/crm.env.example'));
const valueOf = (key: string): string => example.find((e) => e.key === key)!.value;

describe('deploy/compose/docker-compose.yml', () => {
  it('builds the crm service from the Dockerfile with the repository as context', () => {
    const { crm } = compose().services;
    expect(crm.build).toBeDefined();
    const context = join(COMPOSE_DIR, crm.build!.context);
    expect(context).toBe(REPO);
    expect(existsSync(join(context, crm.build!.dockerfile))).toBe(true);
    expect(crm.image ?? '').not.toMatch(/:latest$/);
  });

  it('starts the CRM once PostgreSQL is healthy, with its settings and data volume', () => {
    const { services, volumes } = compose();
    expect(services.crm.env_file).toBe('crm.env');
    expect(services.crm.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(services.crm.volumes).toContain('crm-data:/var/lib/crm');
    expect(services.crm.ports).toContain('3000:3000');
    expect(services.postgres.image).toMatch(/^postgres:16/);
    expect(services.postgres.healthcheck!.test.join(' ')).toMatch(/pg_isready/);
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0];
        if (!source.startsWith('.')) {
          expect(Object.keys(volumes)).toContain(source);
        }
      }
    }
  });

  it('health-checks a route the server has', () => {
    const paths = probedPaths(compose().services.crm.healthcheck!.test.join(' '));
    expect(paths).toEqual(['/health/live']);
    expect(healthRoutes()).toEqual(expect.arrayContaining(paths));
  });

  it('runs nginx only under the tls profile, with the shipped config and certificates', () => {
    const { nginx } = compose().services;
    expect(nginx.profiles).toEqual(['tls']);
    const config = nginx.volumes!.find((v) => v.includes('crm.conf'))!;
    expect(existsSync(join(COMPOSE_DIR, config.split(':')[0]))).toBe(true);
    expect(nginx.volumes!.some((v) => v.includes('/etc/nginx/certs'))).toBe(true);
    expect(nginx.ports).toEqual(expect.arrayContaining(['80:80', '443:443']));
  });

  it('trusts exactly the nginx container as proxy in the example settings', () => {
    const networks = compose().services.nginx.networks as Record<string, { ipv4_address?: string }>;
    const address = Object.values(networks)[0].ipv4_address;
    expect(address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(valueOf('CRM_TRUSTED_PROXIES')).toBe(address);
  });
});

describe('deploy/compose/crm.env.example', () => {
  it('names only variables the CRM (or the postgres image) reads', () => {
    const unknown = example.map((e) => e.key).filter((k) => !(ENV_KEYS as readonly string[]).includes(k) && !POSTGRES_KEYS.includes(k));
    expect(unknown).toEqual([]);
  });

  it('mentions every variable the CRM reads, each once and with a comment above it', () => {
    const keys = example.map((e) => e.key);
    expect([...ENV_KEYS].filter((k) => !keys.includes(k))).toEqual([]);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect(example.filter((e) => !e.documented).map((e) => e.key)).toEqual([]);
  });

  it('connects to the postgres service with the database and user it creates', () => {
    const url = new URL(valueOf('DATABASE_URL'));
    expect(url.hostname).toBe('postgres');
    expect(decodeURIComponent(url.username)).toBe(valueOf('POSTGRES_USER'));
    expect(decodeURIComponent(url.password)).toBe(valueOf('POSTGRES_PASSWORD'));
    expect(url.pathname).toBe(`/${valueOf('POSTGRES_DB')}`);
  });

  it('says how to generate the keys, and its placeholders stop the CRM from starting', () => {
    const text = readRepoFile('deploy/compose/crm.env.example');
    expect(text).toMatch(/openssl rand -hex 32/);
    const active = Object.fromEntries(example.filter((e) => !e.commented).map((e) => [e.key, e.value]));
    expect(() => loadConfig(active)).toThrow(/CRM_JWT_SECRET[\s\S]*CRM_AUDIT_KEY|CRM_AUDIT_KEY[\s\S]*CRM_JWT_SECRET/);
  });

  it('holds values the CRM accepts once the keys are filled in, the commented examples too', () => {
    const all = Object.fromEntries(example.map((e) => [e.key, e.value]));
    const key = 'a'.repeat(64);
    const config = loadConfig({ ...all, CRM_JWT_SECRET: key, CRM_AUDIT_KEY: key });
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('/var/lib/crm');
    expect(config.clientDir).toBe('/app/dist/client/browser');
  });
});
