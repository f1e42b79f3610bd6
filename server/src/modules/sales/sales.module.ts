import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { DealsController } from './deals.controller';
import { DealsRepository } from './deals.repository';
import { DealsService } from './deals.service';
import { PipelinesController } from './pipelines.controller';
import { PipelinesRepository } from './pipelines.repository';
import { PipelinesService } from './pipelines.service';

/** The sales pipeline: pipelines with their stages, lost reasons and deals. */
@Module({
  imports: [CustomersModule],
  controllers: [PipelinesController, DealsController],
  providers: [PipelinesRepository, PipelinesService, DealsRepository, DealsService],
  exports: [DealsRepository, PipelinesRepository],
})
export class SalesModule {}
