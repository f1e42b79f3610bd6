import 'reflect-metadata';
import { PATH_METADATA } from '@nestjs/common/constants';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HealthController } from '../../src/common/health/health.controller';

/** Helpers shared by the specs that keep deploy/ and scripts/install.sh honest. */

export const REPO = join(__dirname, '../../..');

export function readRepoFile(path: string): string {
  return readFileSync(join(REPO, path), 'utf8');
}

/** The file `npm start` runs, e.g. `dist/server/server/src/main.js`. */
export function startScriptEntry(): string {
  const pkg = JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> };
  const match = /(?:^|&&\s*)node\s+(\S+\.js)\s*$/.exec(pkg.scripts.start);
  if (!match) {
    throw new Error(`package.json "start" does not end with "node <file>.js": ${pkg.scripts.start}`);
  }
  return match[1];
}

/** Paths of the HealthController's routes, read from Nest's metadata (`/health/live`, …). */
export function healthRoutes(): string[] {
  const base = String(Reflect.getMetadata(PATH_METADATA, HealthController) ?? '/').replace(/^\/|\/$/g, '');
  const proto = HealthController.prototype as unknown as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto)
    .map((name) => proto[name])
    .filter((handler): handler is object => typeof handler === 'function')
    .map((handler) => Reflect.getMetadata(PATH_METADATA, handler) as string | undefined)
    .filter((path): path is string => path !== undefined)
    .map((path) => `/${[base, path.replace(/^\//, '')].filter(Boolean).join('/')}`);
}

/** `/health/…` and `/metrics` paths named in a text. */
export function probedPaths(text: string): string[] {
  return [...text.matchAll(/\/(?:health\/[a-z]+|metrics)\b/g)].map((m) => m[0]);
}

export interface EnvEntry {
  key: string;
  value: string;
  /** Written as `#KEY=value`: a documented example, off by default. */
  commented: boolean;
  /** The line before it is a comment. */
  documented: boolean;
}

/** Assignments of a dotenv-style file, including commented-out `#KEY=value` examples. */
export function parseEnvFile(text: string): EnvEntry[] {
  const lines = text.split('\n');
  const entries: EnvEntry[] = [];
  lines.forEach((line, i) => {
    const match = /^(#)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) {
      const previous = lines[i - 1]?.trim() ?? '';
      entries.push({
        key: match[2],
        value: match[3],
        commented: match[1] === '#',
        documented: previous.startsWith('#') && !/^#\s*[A-Z][A-Z0-9_]*=/.test(previous),
      });
    }
  });
  return entries;
}

export interface DockerInstruction {
  keyword: string;
  args: string;
  line: number;
}

export interface DockerStage {
  from: string;
  name?: string;
  instructions: DockerInstruction[];
}

/** Splits a Dockerfile into stages of instructions (continuations joined, comments dropped). */
export function parseDockerfile(text: string): DockerStage[] {
  const instructions: DockerInstruction[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (pending === '' && (line.trim() === '' || line.trim().startsWith('#'))) {
      return;
    }
    if (pending === '') {
      start = i + 1;
    } else if (line.trim().startsWith('#')) {
      return; // comment lines inside a continued instruction are ignored by Docker too
    }
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      return;
    }
    const full = (pending + line).trim();
    pending = '';
    const [keyword] = full.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: full.slice(keyword.length).trim(), line: start });
  });
  const stages: DockerStage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [from, as, name] = instruction.args.replace(/--platform=\S+\s+/, '').split(/\s+/);
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push(instruction);
    } else if (instruction.keyword !== 'ARG') {
      throw new Error(`line ${instruction.line}: ${instruction.keyword} before the first FROM`);
    }
  }
  return stages;
}

/** `ENV A=1 B="two"` → { A: '1', B: 'two' } (the legacy `ENV A 1` form is rejected). */
export function parseDockerEnv(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  const pairs = args.match(/[A-Za-z_][A-Za-z0-9_]*=(?:"[^"]*"|\S*)/g) ?? [];
  if (pairs.join(' ').replace(/\s+/g, ' ') !== args.replace(/\s+/g, ' ').trim()) {
    throw new Error(`ENV ${args}: use the KEY=value form`);
  }
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    env[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  return env;
}
