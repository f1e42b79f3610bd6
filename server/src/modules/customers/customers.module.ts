import { Module } from '@nestjs/common';
import { CompaniesController } from './companies.controller';
import { CompaniesRepository } from './companies.repository';
import { CompaniesService } from './companies.service';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { SearchController } from './search.controller';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';

@Module({
  controllers: [ContactsController, CompaniesController, SearchController],
  providers: [ContactsRepository, ContactsService, CompaniesRepository, CompaniesService, SearchRepository, SearchService],
  exports: [ContactsRepository, CompaniesRepository],
})
export class CustomersModule {}
