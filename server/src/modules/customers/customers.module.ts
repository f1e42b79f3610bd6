import { Module } from '@nestjs/common';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { DuplicatesController } from './duplicates.controller';
import { DuplicatesRepository } from './duplicates.repository';
import { DuplicatesService } from './duplicates.service';
import { MergeController } from './merge.controller';
import { FollowMergedRecords } from './merge.redirect-filter';
import { MergeRepository } from './merge.repository';
import { MergeService } from './merge.service';

@Module({
  controllers: [DuplicatesController, MergeController, ContactsController],
  providers: [ContactsRepository, ContactsService, DuplicatesRepository, DuplicatesService, MergeRepository, MergeService, FollowMergedRecords],
})
export class CustomersModule {}
