import { Inject, Injectable } from '@nestjs/common';
import type { CountryCode } from 'libphonenumber-js';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import type { Actor } from '../auth/actor';
import { phoneRegion } from './contact-points';
import { SearchRepository } from './search.repository';
import type { GlobalSearchQuery, SearchResponse } from './dto/search.dto';

/** The top bar's search over contacts and companies, each filtered by the caller's read rules. */
@Injectable()
export class SearchService {
  private readonly region: CountryCode;

  constructor(
    private readonly search: SearchRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.region = phoneRegion(config.defaultPhoneRegion) ?? 'AZ';
  }

  async find(actor: Actor, query: GlobalSearchQuery): Promise<SearchResponse> {
    const limit = query.limit ?? 8;
    const q = query.q.trim();
    const [contacts, companies] = await Promise.all([
      this.search.contacts(actor.ability, q, limit, this.region),
      this.search.companies(actor.ability, q, limit, this.region),
    ]);
    return {
      items: [
        ...contacts.map((row) => ({ type: 'contact' as const, id: row.id, title: row.name, subtitle: row.subtitle })),
        ...companies.map((row) => ({ type: 'company' as const, id: row.id, title: row.name, subtitle: row.subtitle })),
      ],
    };
  }
}
