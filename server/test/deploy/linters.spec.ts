import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './deploy-files';

/** Runs a linter in the repository; its findings (stdout and stderr) and exit code. */
function lint(command: string, args: string[]): { code: number | null; output: string } {
  const result = spawnSync(command, args, { cwd: REPO, encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${command} is not installed: sudo apt-get install ${command} (Debian/Ubuntu); .ci/run installs it`);
  }
  return { code: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

const dockerfileUtils = join(REPO, 'node_modules/.bin/dockerfile-utils');

describe('deploy files pass their linters', () => {
  it('the Dockerfile passes dockerfile-utils, which does find real mistakes', () => {
    expect(lint(dockerfileUtils, ['lint', 'deploy/docker/Dockerfile'])).toEqual({ code: 0, output: '' });
    const dir = mkdtempSync(join(tmpdir(), 'crm-lint-'));
    try {
      writeFileSync(join(dir, 'Dockerfile'), 'FROM node:22-bookworm-slim\nEXPOSE port\nCMD node a.js\nCMD node b.js\n');
      const bad = lint(dockerfileUtils, ['lint', join(dir, 'Dockerfile')]);
      expect(bad.code).not.toBe(0);
      expect(bad.output).toContain('Invalid containerPort');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('scripts/install.sh passes shellcheck', () => {
    expect(lint('shellcheck', ['--severity=style', 'scripts/install.sh'])).toEqual({ code: 0, output: '' });
  });

  it('the compose file and the Kubernetes manifests pass yamllint (strict, .yamllint.yaml)', () => {
    const manifests = readdirSync(join(REPO, 'deploy/k8s')).filter((name) => name.endsWith('.yaml')).map((name) => `deploy/k8s/${name}`);
    expect(manifests.length).toBeGreaterThan(5);
    expect(lint('yamllint', ['-s', 'deploy/compose/docker-compose.yml', ...manifests])).toEqual({ code: 0, output: '' });
  });
});
