import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from './common/config/app-config';
import { ProblemFilter } from './common/errors/problem.filter';
import { createValidationPipe } from './common/errors/validation';
import { HealthController } from './common/health/health.controller';
import { MetricsService } from './common/health/metrics.service';
import { BackgroundJobs } from './common/jobs/background-jobs';
import { loggerOptions } from './common/logging';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { JwtAuthGuard } from './modules/auth/jwt-auth.guard';
import { CustomersModule } from './modules/customers/customers.module';
import { SalesTasksModule } from './modules/sales/sales-tasks.module';
import { PolicyGuard } from './modules/permissions/policy.guard';
import { SalesModule } from './modules/sales/sales.module';
import { SettingsModule } from './modules/settings/settings.module';

/** Configuration and the database connection, made by the caller (main.ts, the CLI or a test), and the background jobs. */
@Global()
@Module({})
class CoreModule {
  static register(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
        MetricsService,
        BackgroundJobs,
      ],
      exports: [APP_CONFIG, DataSource, MetricsService, BackgroundJobs],
    };
  }
}

@Module({})
export class AppModule {
  static register(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config, dataSource),
        LoggerModule.forRoot(loggerOptions(config)),
        TerminusModule.forRoot({ logger: false }),
        AuditModule,
        AuthModule,
        CustomersModule,
        SalesTasksModule,
        SalesModule,
        SettingsModule,
      ],
      controllers: [HealthController],
      providers: [
        // Secure by default: every route needs a signed-in user unless @Public(), then its permission.
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        { provide: APP_GUARD, useClass: PolicyGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
