import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../../modules/auth/auth.decorators';
import { pendingMigrations } from '../database/migrator';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  @Get('health/live')
  @ApiOperation({ operationId: 'live', summary: 'The process is up' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @HealthCheck()
  @ApiOperation({ operationId: 'ready', summary: 'Ready to serve: the database answers and every migration is applied' })
  @ApiOkResponse({ description: 'Ready' })
  @ApiServiceUnavailableResponse({ description: 'Not ready; the body says which check failed' })
  ready(): Promise<unknown> {
    return this.health.check([
      () =>
        this.indicators
          .check('database')
          .attempt(async () => {
            await this.dataSource.query('SELECT 1');
          })
          .withTimeout(3000),
      () =>
        this.indicators.check('migrations').attempt(async () => {
          const pending = await pendingMigrations(this.dataSource);
          if (pending.length > 0) {
            throw new Error(`pending: ${pending.join(', ')}`);
          }
        }),
    ]);
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'metrics', summary: 'Prometheus metrics (text exposition format)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Metrics in Prometheus text format' })
  async metricsText(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('Content-Type', this.metrics.contentType).send(await this.metrics.render());
  }
}
