import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem.filter';

/** Angular writes content-hashed names (`main-2XQJ7NZB.js`, `media/roboto-…-K3V9LE1A.woff2`). */
const HASHED_FILE = /-[A-Z0-9]{8}\.[a-z0-9]+(\.br|\.gz)?$/;
const SERVER_PREFIXES = ['/api/', '/health/', '/metrics'];

/**
 * Serves the built web client at `/`: hashed files cached for a year, everything else
 * revalidated, brotli or gzip from the `.br`/`.gz` files written at build time, and `index.html`
 * for every other GET that is not an API path, so deep links into the single-page app work.
 * Returns false when the client has not been built.
 */
export async function serveClientApp(app: NestFastifyApplication, clientDir: string): Promise<boolean> {
  const indexFile = join(clientDir, 'index.html');
  if (!existsSync(indexFile)) {
    return false;
  }
  await app.register(fastifyStatic, {
    root: clientDir,
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (response, path) => {
      void response.header('Cache-Control', HASHED_FILE.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (SERVER_PREFIXES.some((prefix) => path.startsWith(prefix)) || /\.[a-z0-9]+$/i.test(path)) {
      return reply
        .code(404)
        .type(PROBLEM_CONTENT_TYPE)
        .send({ type: 'urn:crm:problem:not-found', title: 'Not found', status: 404, detail: `Cannot GET ${path}`, instance: request.url });
    }
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
  return true;
}
