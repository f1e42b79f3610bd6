import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { configuredOrFileSecret } from '../../common/config/secrets';
import { AuditChain, VerifyResult } from './audit-chain';

/** Seals the audit trail in the background and verifies it on request. */
@Injectable()
export class AuditChainService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AuditChain');
  private readonly chain: AuditChain;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(dataSource: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    const key = configuredOrFileSecret(config.auditKey, config.dataDir, 'audit-chain.key');
    this.chain = new AuditChain(dataSource, key, join(config.dataDir, 'audit', 'chain-head.jsonl'), (head, count) =>
      this.logger.log({ auditHead: head, sealed: count }, 'audit chain sealed'),
    );
  }

  onModuleInit(): void {
    if (this.config.auditSealIntervalSeconds > 0) {
      this.timer = setInterval(() => {
        this.running ??= this.chain
          .seal()
          .catch((error: unknown) => this.logger.error(`sealing failed: ${(error as Error).message}`))
          .finally(() => (this.running = undefined));
      }, this.config.auditSealIntervalSeconds * 1000);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  seal(): Promise<number> {
    return this.chain.seal();
  }

  verify(): Promise<VerifyResult> {
    return this.chain.verify();
  }
}
