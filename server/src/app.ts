import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { AppConfig } from './common/config/app-config';
import { MetricsService } from './common/health/metrics.service';
import { serveClientApp } from './common/http/client-app';
import { requestIdOf } from './common/logging';

/** Builds the HTTP application on an initialised, migrated DataSource. Does not listen. */
export async function createApp(config: AppConfig, dataSource: DataSource): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    bodyLimit: 10 * 1024 * 1024,
    genReqId: (request: IncomingMessage) => {
      const id = requestIdOf(request);
      (request as IncomingMessage & { id?: string }).id = id;
      return id;
    },
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, dataSource), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.register(fastifyCookie);
  // File uploads (imports); each route sets its own size limits.
  await app.register(fastifyMultipart);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'", "'unsafe-inline'"], scriptSrc: ["'self'"] },
    },
  });
  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('X-Request-Id', request.id);
    // Customer data must not linger in browser or proxy caches.
    if (request.url.startsWith('/api/') && !reply.hasHeader('Cache-Control')) {
      void reply.header('Cache-Control', 'no-store');
    }
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApiConfig()), { jsonDocumentUrl: 'api/docs-json' });
  if (!(await serveClientApp(app, config.clientDir))) {
    app.get(Logger).warn(`The web client is not built (no ${config.clientDir}/index.html); run npm run build:client. The API is served.`);
  }
  await app.init();
  await fastify.ready();
  return app;
}

/**
 * Stops accepting connections and waits for the requests in flight. A keep-alive connection
 * whose request finishes during the wait turns idle; it is closed then instead of lingering until
 * its keep-alive timeout.
 */
export async function closeGracefully(app: NestFastifyApplication): Promise<void> {
  const server = app.getHttpServer();
  const sweeper = setInterval(() => server.closeIdleConnections(), 50);
  try {
    await app.close();
  } finally {
    clearInterval(sweeper);
  }
}

export function openApiConfig(): ReturnType<DocumentBuilder['build']> {
  return new DocumentBuilder()
    .setTitle('CRM API')
    .setDescription('REST API of the self-hosted CRM. Errors are application/problem+json (RFC 9457).')
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth('crm_refresh')
    .build();
}
