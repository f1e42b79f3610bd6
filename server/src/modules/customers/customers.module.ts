import { Module } from '@nestjs/common';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { CustomFieldsController } from './custom-fields.controller';
import { CustomFieldsRepository } from './custom-fields.repository';
import { CustomFieldsService } from './custom-fields.service';
import { SavedViewsController } from './saved-views.controller';
import { SavedViewsRepository } from './saved-views.repository';
import { SavedViewsService } from './saved-views.service';

@Module({
  controllers: [ContactsController, CustomFieldsController, SavedViewsController],
  providers: [ContactsRepository, ContactsService, CustomFieldsRepository, CustomFieldsService, SavedViewsRepository, SavedViewsService],
})
export class CustomersModule {}
