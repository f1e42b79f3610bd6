import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ENV_KEYS } from '../../src/common/config/app-config';
import { DockerStage, healthRoutes, parseDockerEnv, parseDockerfile, probedPaths, readRepoFile, REPO, startScriptEntry } from './deploy-files';

/** Variables the image may set although the CRM does not read them. */
const RUNTIME_ENV = ['NODE_ENV'];

const dockerfile = readRepoFile('deploy/docker/Dockerfile');

/** The few rules a reviewer would check by eye; returns one message per violation. */
function lintDockerfile(text: string): string[] {
  const problems: string[] = [];
  const stages = parseDockerfile(text);
  if (stages.length === 0) {
    return ['no FROM'];
  }
  const stageNames = new Set(stages.map((s) => s.name).filter(Boolean));
  for (const stage of stages) {
    if (stageNames.has(stage.from)) {
      continue;
    }
    const tag = /^[^@]+:([^/:@]+)$/.exec(stage.from)?.[1];
    if (!stage.from.includes('@sha256:') && !tag) {
      problems.push(`FROM ${stage.from}: pin a tag or digest`);
    }
    if (tag === 'latest') {
      problems.push(`FROM ${stage.from}: "latest" is not a pinned tag`);
    }
  }
  for (const { keyword, args, line } of stages.flatMap((s) => s.instructions)) {
    if (keyword === 'ADD' && /https?:\/\//.test(args)) {
      problems.push(`line ${line}: ADD of a URL (download in RUN with a checksum instead)`);
    }
    if (/\bsudo\b/.test(args)) {
      problems.push(`line ${line}: sudo`);
    }
    if (/:latest\b/.test(args)) {
      problems.push(`line ${line}: latest`);
    }
  }
  const final = stages[stages.length - 1];
  const users = final.instructions.filter((i) => i.keyword === 'USER').map((i) => i.args.split(':')[0]);
  if (users.length === 0 || ['root', '0'].includes(users[users.length - 1])) {
    problems.push('the final stage must switch to a non-root USER');
  }
  if (!final.instructions.some((i) => i.keyword === 'HEALTHCHECK' && !/^NONE$/i.test(i.args))) {
    problems.push('the final stage has no HEALTHCHECK');
  }
  return problems;
}

function finalStage(): DockerStage {
  const stages = parseDockerfile(dockerfile);
  return stages[stages.length - 1];
}

function instruction(keyword: string): string {
  const found = finalStage().instructions.filter((i) => i.keyword === keyword);
  expect(found).toHaveLength(1);
  return found[0].args;
}

describe('deploy/docker/Dockerfile', () => {
  it('passes the structural lint', () => {
    expect(lintDockerfile(dockerfile)).toEqual([]);
  });

  it('the lint catches what it is meant to catch', () => {
    const bad = ['FROM node AS build', 'ADD https://example.com/x.tgz /x', 'FROM node:latest', 'RUN sudo apt-get update', 'USER root', 'CMD ["node"]'].join('\n');
    expect(lintDockerfile(bad)).toEqual([
      'FROM node: pin a tag or digest',
      'FROM node:latest: "latest" is not a pinned tag',
      'line 2: ADD of a URL (download in RUN with a checksum instead)',
      'line 4: sudo',
      'the final stage must switch to a non-root USER',
      'the final stage has no HEALTHCHECK',
    ]);
  });

  it('builds in one stage and runs on node 22 slim in another', () => {
    const stages = parseDockerfile(dockerfile);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.map((s) => s.from)).toEqual(stages.map(() => 'node:22-bookworm-slim'));
    const build = stages[0].instructions.map((i) => `${i.keyword} ${i.args}`).join('\n');
    // npm ci fails on this lock file (other platforms' optional binaries are missing).
    expect(build).not.toMatch(/npm ci\b/);
    expect(build).toMatch(/npm install --no-audit --no-fund/);
    expect(build).toMatch(/npm run build/);
    expect(build).toMatch(/npm prune --omit=dev/);
  });

  it('runs the same file as `npm start`', () => {
    expect(JSON.parse(instruction('CMD'))).toEqual(['node', startScriptEntry()]);
    expect(existsSync(join(REPO, startScriptEntry().replace(/^dist\/server\//, '').replace(/\.js$/, '.ts')))).toBe(true);
  });

  it('copies the build output and production node_modules from the build stage', () => {
    const copies = finalStage().instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    for (const part of ['dist', 'node_modules', 'package.json']) {
      expect(copies.some((c) => c.includes('--from=build') && new RegExp(`/${part}\\s`).test(c))).toBe(true);
    }
  });

  it('sets only variables the CRM reads, pointing at where the image puts things', () => {
    const env = finalStage()
      .instructions.filter((i) => i.keyword === 'ENV')
      .reduce<Record<string, string>>((all, i) => ({ ...all, ...parseDockerEnv(i.args) }), {});
    const unknown = Object.keys(env).filter((k) => !(ENV_KEYS as readonly string[]).includes(k) && !RUNTIME_ENV.includes(k));
    expect(unknown).toEqual([]);
    const workdir = instruction('WORKDIR');
    expect(env).toMatchObject({ NODE_ENV: 'production', CRM_DATA_DIR: '/var/lib/crm', CRM_CLIENT_DIR: `${workdir}/dist/client/browser`, HOST: '0.0.0.0' });
    expect(instruction('EXPOSE')).toBe(env.PORT);
    expect(JSON.parse(instruction('VOLUME'))).toEqual([env.CRM_DATA_DIR]);
  });

  it('runs as uid 10001, the uid the Kubernetes manifests expect', () => {
    expect(instruction('USER')).toBe('crm');
    expect(instruction('RUN')).toMatch(/useradd [^&]*--uid 10001 [^&]*crm/);
    expect(instruction('RUN')).toMatch(/chown -R crm:crm \/var\/lib\/crm/);
  });

  it('health-checks a route the server has, with node (slim images lack curl)', () => {
    const healthcheck = instruction('HEALTHCHECK');
    const command = JSON.parse(healthcheck.replace(/^.*?\bCMD\s+/, '')) as string[];
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toMatch(/^fetch\(/);
    expect(healthcheck).not.toMatch(/curl|wget/);
    expect(probedPaths(healthcheck)).toEqual(['/health/live']);
    expect(healthRoutes()).toContain('/health/live');
    expect(instruction('STOPSIGNAL')).toBe('SIGTERM');
  });

  it('the health check command exits 0 on a healthy answer and 1 otherwise', async () => {
    const [node, flag, script] = JSON.parse(instruction('HEALTHCHECK').replace(/^.*?\bCMD\s+/, '')) as string[];
    let status = 200;
    const server = createServer((request, response) => {
      response.statusCode = request.url === '/health/live' ? status : 404;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const run = (env: NodeJS.ProcessEnv): Promise<number | null> =>
      new Promise((resolve) => {
        const child = spawn(node === 'node' ? process.execPath : node, [flag, script], { env: { ...process.env, ...env }, stdio: 'ignore' });
        child.on('exit', resolve);
      });
    try {
      expect(await run({ PORT: String(port) })).toBe(0);
      status = 503;
      expect(await run({ PORT: String(port) })).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await run({ PORT: String(port) })).toBe(1); // nothing listening
  });

  it('keeps local dependencies and build output out of the build context', () => {
    const ignored = readRepoFile('deploy/docker/Dockerfile.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const entry of ['**/node_modules', 'dist', 'data', 'test-results', '.git', '.angular', 'deploy/compose/crm.env', 'deploy/compose/certs']) {
      expect(ignored).toContain(entry);
    }
  });
});
