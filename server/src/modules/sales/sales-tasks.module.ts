import { Module } from '@nestjs/common';
import { AutomationModule } from '../automation/automation.module';
import { CustomersModule } from '../customers/customers.module';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { SalesModule } from './sales.module';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

/** Tasks, meetings and calls, My day, the calendar and its iCal feed. */
@Module({
  imports: [AutomationModule, CustomersModule, SalesModule],
  controllers: [TasksController, CalendarController],
  providers: [TasksRepository, CalendarFeedsRepository, TasksService, CalendarService],
  exports: [TasksRepository],
})
export class SalesTasksModule {}
