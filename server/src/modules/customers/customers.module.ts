import { Module } from '@nestjs/common';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { ImportsController } from './import/imports.controller';
import { ImportsRepository } from './import/imports.repository';
import { ImportsService } from './import/imports.service';

@Module({
  controllers: [ContactsController, ImportsController],
  providers: [ContactsRepository, ContactsService, ImportsRepository, ImportsService],
})
export class CustomersModule {}
