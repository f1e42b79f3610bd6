import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';
import { CompaniesController } from './companies.controller';
import { CompaniesRepository } from './companies.repository';
import { CompaniesService } from './companies.service';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { CustomFieldsController } from './custom-fields.controller';
import { CustomFieldsRepository } from './custom-fields.repository';
import { CustomFieldsService } from './custom-fields.service';
import { DuplicatesController } from './duplicates.controller';
import { DuplicatesRepository } from './duplicates.repository';
import { DuplicatesService } from './duplicates.service';
import { ExportsController } from './export/exports.controller';
import { ExportsRepository } from './export/exports.repository';
import { ExportsService } from './export/exports.service';
import { ImportsController } from './import/imports.controller';
import { ImportFileRetention, ImportFileRetentionJob } from './import/import-file-retention';
import { ImportsRepository } from './import/imports.repository';
import { ImportsService } from './import/imports.service';
import { MergeController } from './merge.controller';
import { FollowMergedRecords } from './merge.redirect-filter';
import { MergeRepository } from './merge.repository';
import { MergeService } from './merge.service';
import { OwnersController } from './owners.controller';
import { OwnersRepository } from './owners.repository';
import { OwnersService } from './owners.service';
import { SavedViewsController } from './saved-views.controller';
import { SavedViewsRepository } from './saved-views.repository';
import { SavedViewsService } from './saved-views.service';
import { SearchController } from './search.controller';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';
import { TimelineController } from './timeline.controller';
import { TimelineRepository } from './timeline.repository';
import { TimelineService } from './timeline.service';

@Module({
  controllers: [
    DuplicatesController,
    MergeController,
    OwnersController,
    ContactsController,
    CompaniesController,
    SearchController,
    ActivitiesController,
    TimelineController,
    AttachmentsController,
    CustomFieldsController,
    SavedViewsController,
    ImportsController,
    ExportsController,
  ],
  providers: [
    ContactsRepository, ContactsService,
    CompaniesRepository, CompaniesService,
    SearchRepository, SearchService,
    ActivitiesRepository, ActivitiesService,
    TimelineRepository, TimelineService,
    AttachmentsRepository, AttachmentsService,
    CustomFieldsRepository, CustomFieldsService,
    SavedViewsRepository, SavedViewsService,
    DuplicatesRepository, DuplicatesService,
    MergeRepository, MergeService, FollowMergedRecords,
    ImportsRepository, ImportsService, ImportFileRetention, ImportFileRetentionJob,
    ExportsRepository, ExportsService,
    OwnersRepository, OwnersService,
  ],
  exports: [ContactsRepository, CompaniesRepository, AttachmentsService, CustomFieldsService, OwnersService, ExportsService, ExportsRepository],
})
export class CustomersModule {}
