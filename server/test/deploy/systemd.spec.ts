import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { readRepoFile, startScriptEntry } from './deploy-files';

const UNIT = readRepoFile('deploy/systemd/crm.service');

function systemdAnalyze(): string {
  const found = ['/usr/bin/systemd-analyze', ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'systemd-analyze'))].find((p) =>
    existsSync(p),
  );
  if (!found) {
    throw new Error('systemd-analyze is missing: install systemd (sudo apt-get install systemd) to verify deploy/systemd/crm.service');
  }
  return found;
}

/**
 * `systemd-analyze verify` on a copy named crm.service. verify insists that ExecStart's binary
 * exists, so the copy runs this node; the shipped unit keeps /usr/bin/node. Warnings about other
 * units (the machine's own) are left out.
 */
function verify(unit: string): { status: number | null; problems: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'crm-unit-'));
  try {
    const file = join(dir, 'crm.service');
    writeFileSync(file, unit.replace(/^ExecStart=\/usr\/bin\/node /m, `ExecStart=${process.execPath} `));
    const result = spawnSync(systemdAnalyze(), ['verify', file], { encoding: 'utf8' });
    const problems = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.includes('crm.service'));
    return { status: result.status, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function directives(unit: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of unit.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match) {
      map.set(match[1], [...(map.get(match[1]) ?? []), match[2]]);
    }
  }
  return map;
}

describe('deploy/systemd/crm.service', () => {
  it('passes systemd-analyze verify without a warning', () => {
    expect(verify(UNIT)).toEqual({ status: 0, problems: [] });
  });

  it('verify catches a broken unit (so the check above means something)', () => {
    const broken = verify(UNIT.replace('[Service]', '[Service]\nProtectSystem=very-strict\nKillSignall=SIGTERM'));
    expect(broken.problems.join('\n')).toMatch(/ProtectSystem|KillSignall/);
  });

  it('runs the file `npm start` runs, from /opt/crm, as crm, with the settings from /etc/crm/crm.env', () => {
    const d = directives(UNIT);
    expect(d.get('ExecStart')).toEqual([`/usr/bin/node /opt/crm/${startScriptEntry()}`]);
    expect(d.get('WorkingDirectory')).toEqual(['/opt/crm']);
    expect(d.get('User')).toEqual(['crm']);
    expect(d.get('Group')).toEqual(['crm']);
    expect(d.get('EnvironmentFile')).toEqual(['/etc/crm/crm.env']);
    expect(d.get('Wants')).toEqual(['network-online.target']);
    expect(d.get('After')![0]).toMatch(/network-online\.target/);
  });

  it('stops with SIGTERM and leaves the drain 30 s', () => {
    const d = directives(UNIT);
    expect(d.get('KillSignal')).toEqual(['SIGTERM']);
    expect(d.get('TimeoutStopSec')).toEqual(['30']);
    expect(d.get('Restart')).toEqual(['on-failure']);
  });

  it('is hardened, writable only in the data folder, and keeps V8 JIT working', () => {
    const d = directives(UNIT);
    expect(Object.fromEntries([...d].filter(([k]) => k.startsWith('Protect') || k.startsWith('Private') || k === 'NoNewPrivileges'))).toMatchObject({
      NoNewPrivileges: ['yes'],
      ProtectSystem: ['strict'],
      ProtectHome: ['yes'],
      PrivateTmp: ['yes'],
    });
    expect(d.get('ReadWritePaths')).toEqual(['/var/lib/crm']);
    expect(d.get('CapabilityBoundingSet')).toEqual(['']);
    // Node's JIT needs writable+executable memory; this setting would crash it.
    expect(d.has('MemoryDenyWriteExecute')).toBe(false);
  });
});
