import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import pino, { Logger } from 'pino';
import type { AppConfig } from './config/app-config';

const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.newPassword', '*.currentPassword'];

/** The request id: a sane incoming X-Request-Id (from a proxy) or a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && /^[\w.:-]{1,100}$/.test(incoming) ? incoming : randomUUID();
}

/** JSON logs with the request id on every line written while serving a request. */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: REDACT,
      // Fastify assigned the id already (see createApp); reuse it so both agree.
      genReqId: (request) => (request as IncomingMessage & { id?: string }).id ?? requestIdOf(request),
      customProps: (request) => ({ requestId: (request as IncomingMessage & { id?: string }).id }),
      autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
      serializers: {
        req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
      },
    },
  };
}

/** A logger for start-up and the CLI, before and outside the Nest application. */
export function createBootLogger(level: string): Logger {
  return pino({ level, base: { context: 'boot' } });
}
