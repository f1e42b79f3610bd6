import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { loadConfig } from '../../src/common/config/app-config';
import { parseEnvFile, readRepoFile, REPO, startScriptEntry } from './deploy-files';

const SCRIPT = join(REPO, 'scripts/install.sh');
const PATH_WITH_THIS_NODE = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;

let work: string;

/** An unpacked build as `npm run build` leaves it, with node_modules as a symlink like in a worktree. */
function fakeApp(): string {
  const app = join(work, 'app');
  mkdirSync(join(app, dirname(startScriptEntry())), { recursive: true });
  writeFileSync(join(app, startScriptEntry()), 'console.log("crm");\n');
  mkdirSync(join(app, 'dist/client/browser'), { recursive: true });
  writeFileSync(join(app, 'dist/client/browser/index.html'), '<!doctype html>');
  mkdirSync(join(work, 'shared-node_modules/pg'), { recursive: true });
  writeFileSync(join(work, 'shared-node_modules/pg/index.js'), 'module.exports = {};\n');
  symlinkSync(join(work, 'shared-node_modules'), join(app, 'node_modules'));
  writeFileSync(join(app, 'package.json'), '{"name":"crm"}\n');
  mkdirSync(join(app, 'deploy/systemd'), { recursive: true });
  copyFileSync(join(REPO, 'deploy/systemd/crm.service'), join(app, 'deploy/systemd/crm.service'));
  mkdirSync(join(app, 'scripts'));
  copyFileSync(SCRIPT, join(app, 'scripts/install.sh'));
  return app;
}

function install(args: string[], path = PATH_WITH_THIS_NODE): SpawnSyncReturns<string> {
  return spawnSync('bash', [join(work, 'app/scripts/install.sh'), ...args], { encoding: 'utf8', env: { ...process.env, PATH: path } });
}

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('scripts/install.sh', () => {
  let root: string;
  let first: SpawnSyncReturns<string>;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'crm-install-'));
    fakeApp();
    root = join(work, 'root');
    mkdirSync(root);
    first = install(['--root', root]);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('is valid bash', () => {
    const result = spawnSync('bash', ['-n', SCRIPT], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readRepoFile('scripts/install.sh')).toMatch(/^#!\/usr\/bin\/env bash\n[\s\S]*^set -euo pipefail$/m);
  });

  it('installs below --root and says what to do next', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('systemctl daemon-reload && systemctl enable --now crm');
    expect(first.stdout).toContain('journalctl -u crm');
  });

  it('with --root only says which system changes it would make', () => {
    expect(first.stdout).toMatch(/^would run: chown -R root:root \/opt\/crm$/m);
    expect(first.stdout).toMatch(/^would run: chown crm:crm \/var\/lib\/crm \/var\/lib\/crm\/attachments$/m);
    expect(first.stdout).not.toMatch(/^would run: systemctl/m);
    const userExists = spawnSync('getent', ['passwd', 'crm']).status === 0;
    expect(first.stdout.includes('would run: useradd --system')).toBe(!userExists);
  });

  it('copies the application to /opt/crm, following a symlinked node_modules', () => {
    expect(readFileSync(join(root, 'opt/crm', startScriptEntry()), 'utf8')).toBe('console.log("crm");\n');
    expect(existsSync(join(root, 'opt/crm/dist/client/browser/index.html'))).toBe(true);
    expect(lstatSync(join(root, 'opt/crm/node_modules')).isDirectory()).toBe(true);
    expect(readFileSync(join(root, 'opt/crm/node_modules/pg/index.js'), 'utf8')).toContain('module.exports');
    expect(existsSync(join(root, 'opt/crm/package.json'))).toBe(true);
    // No staging or previous copy is left beside it.
    expect(readdirSync(join(root, 'opt'))).toEqual(['crm']);
  });

  it('creates crm.env (0640) with fresh 64-hex secrets the CRM accepts', () => {
    const file = join(root, 'etc/crm/crm.env');
    expect(mode(file)).toBe(0o640);
    const env = Object.fromEntries(parseEnvFile(readFileSync(file, 'utf8')).filter((e) => !e.commented).map((e) => [e.key, e.value]));
    expect(env.CRM_JWT_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(env.CRM_AUDIT_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(env.CRM_AUDIT_KEY).not.toBe(env.CRM_JWT_SECRET);
    expect(env.CRM_DATA_DIR).toBe('/var/lib/crm');
    expect(() => loadConfig(env)).not.toThrow();
  });

  it('creates the data folders with mode 0750', () => {
    expect(mode(join(root, 'var/lib/crm'))).toBe(0o750);
    expect(mode(join(root, 'var/lib/crm/attachments'))).toBe(0o750);
  });

  it('installs the systemd unit, pointing ExecStart at the node it checked', () => {
    const unit = readFileSync(join(root, 'etc/systemd/system/crm.service'), 'utf8');
    const node = spawnSync('bash', ['-c', 'command -v node'], { encoding: 'utf8', env: { ...process.env, PATH: PATH_WITH_THIS_NODE } }).stdout.trim();
    expect(unit).toContain(`\nExecStart=${node} /opt/crm/${startScriptEntry()}\n`);
    expect(unit.replace(/^ExecStart=.*$/m, '')).toBe(readRepoFile('deploy/systemd/crm.service').replace(/^ExecStart=.*$/m, ''));
  });

  it('keeps an existing crm.env on a second run and replaces the application', () => {
    const file = join(root, 'etc/crm/crm.env');
    const before = readFileSync(file, 'utf8');
    writeFileSync(join(root, 'opt/crm/stale.js'), '');
    const second = install(['--root', root]);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('kept the existing');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(mode(file)).toBe(0o640);
    expect(existsSync(join(root, 'opt/crm/stale.js'))).toBe(false);
    expect(existsSync(join(root, 'opt/crm', startScriptEntry()))).toBe(true);
  });

  it.each([
    [['--bogus'], /unknown argument '--bogus'/],
    [['--root'], /--root needs a directory/],
    [['--root', '/nonexistent/crm-root'], /is not a directory/],
  ])('rejects %j with exit code 2 and a message', (args, message) => {
    const result = install(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('--help');
  });

  it('--help explains the options', () => {
    const result = install(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Usage: install\.sh[\s\S]*--root DIR/);
  });

  it('refuses a Node.js older than 20.19', () => {
    const fakeBin = join(work, 'old-node');
    mkdirSync(fakeBin);
    writeFileSync(join(fakeBin, 'node'), '#!/bin/sh\necho 20.18.3\n');
    chmodSync(join(fakeBin, 'node'), 0o755);
    const other = join(work, 'root-old-node');
    mkdirSync(other);
    const result = install(['--root', other], `${fakeBin}${delimiter}${process.env.PATH ?? ''}`);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Node\.js 20\.18\.3 .* is too old; 20\.19 or newer is needed/);
    expect(existsSync(join(other, 'opt/crm'))).toBe(false);
  });
});
