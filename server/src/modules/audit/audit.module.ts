import { Global, Module } from '@nestjs/common';
import { AuditChainService } from './audit-chain.service';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditRepository, AuditChainService],
  exports: [AuditService, AuditRepository, AuditChainService],
})
export class AuditModule {}
