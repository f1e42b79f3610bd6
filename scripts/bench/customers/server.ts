import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const MAIN = 'dist/server/server/src/main.js';

export interface HttpResponse {
  status: number;
  body: string;
}

/** A keep-alive HTTP client for one server. */
export class HttpClient {
  readonly agent: Agent;

  constructor(
    readonly port: number,
    sockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<HttpResponse> {
    return new Promise((resolvePromise, reject) => {
      const req = request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async signIn(login: string, password: string): Promise<string> {
    const res = await this.send('POST', '/api/v1/auth/login', { 'content-type': 'application/json' }, JSON.stringify({ login, password }));
    if (res.status !== 200) {
      throw new Error(`sign-in of ${login} answered ${res.status}: ${res.body}`);
    }
    return (JSON.parse(res.body) as { accessToken: string }).accessToken;
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface RunningServer {
  port: number;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts the built server (`npm run build:server`) as a child process on `port`, with its own
 * data folder for secrets and its log in `<dataDir>/server.log`, and waits until it is ready.
 */
export async function startServer(databaseUrl: string, port: number, dataDir: string): Promise<RunningServer> {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: run npm run build:server first`);
  }
  const folder = resolve(dataDir, 'server');
  mkdirSync(folder, { recursive: true });
  const logFile = join(resolve(dataDir), 'server.log');
  const log = openSync(logFile, 'a');
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=data/bench/profiles", profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      CRM_DATA_DIR: folder,
      CRM_ADMIN_PASSWORD: 'bench-admin-password',
      CRM_ACCESS_TOKEN_TTL: '3600',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    },
    stdio: ['ignore', log, log],
  });
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });
  const probe = new HttpClient(port, 1);
  try {
    for (let attempt = 0; ; attempt++) {
      if (exited !== null) {
        throw new Error(`the server exited with code ${exited} while starting; see ${logFile}`);
      }
      const ready = await probe.send('GET', '/health/ready').catch(() => undefined);
      if (ready?.status === 200) {
        break;
      }
      if (attempt > 600) {
        child.kill('SIGTERM');
        throw new Error(`the server did not become ready within a minute; see ${logFile}`);
      }
      await sleep(100);
    }
  } finally {
    probe.close();
  }
  return {
    port,
    logFile,
    stop: async () => {
      if (exited !== null) {
        return;
      }
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
    },
  };
}
