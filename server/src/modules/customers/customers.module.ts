import { Module } from '@nestjs/common';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { ExportsController } from './export/exports.controller';
import { ExportsRepository } from './export/exports.repository';
import { ExportsService } from './export/exports.service';
import { ImportsController } from './import/imports.controller';
import { ImportsRepository } from './import/imports.repository';
import { ImportsService } from './import/imports.service';

@Module({
  controllers: [ContactsController, ImportsController, ExportsController],
  providers: [ContactsRepository, ContactsService, ImportsRepository, ImportsService, ExportsRepository, ExportsService],
})
export class CustomersModule {}
