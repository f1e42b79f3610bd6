import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { TimelineController } from './timeline.controller';
import { TimelineRepository } from './timeline.repository';
import { TimelineService } from './timeline.service';

@Module({
  controllers: [ContactsController, ActivitiesController, TimelineController, AttachmentsController],
  providers: [
    ContactsRepository, ContactsService,
    ActivitiesRepository, ActivitiesService,
    TimelineRepository, TimelineService,
    AttachmentsRepository, AttachmentsService,
  ],
})
export class CustomersModule {}
