import { Inject, Injectable } from '@nestjs/common';
import type { CountryCode } from 'libphonenumber-js';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import type { Actor } from '../auth/actor';
import { phoneRegion } from './contact-points';
import { fieldReader } from './customer-records';
import { SearchRepository } from './search.repository';
import type { GlobalSearchQuery, SearchResponse } from './dto/search.dto';

/** The top bar's search over contacts, companies and deals, each filtered by the caller's read rules. */
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
    const [contacts, companies, deals] = await Promise.all([
      this.search.contacts(actor.ability, q, limit, this.region),
      this.search.companies(actor.ability, q, limit, this.region),
      this.search.deals(actor.ability, q, limit),
    ]);
    const ability = actor.ability;
    return {
      items: [
        ...contacts.map((row) => {
          const readable = fieldReader(ability, 'Contact', { id: row.id, ownerId: row.owner_id });
          const company = row.company_id && readable('companies') && fieldReader(ability, 'Company', { id: row.company_id, ownerId: row.company_owner_id })('name')
            ? row.company_name
            : null;
          const subtitle = company ?? (readable('phone') ? row.phone : null) ?? (readable('email') ? row.email : null) ?? null;
          return { type: 'contact' as const, id: row.id, title: row.name, subtitle };
        }),
        ...companies.map((row) => {
          const readable = fieldReader(ability, 'Company', { id: row.id, ownerId: row.owner_id });
          const parts = [readable('industry') && row.industry, readable('phone') && row.phone, readable('taxId') && row.tax_id].filter((part) => !!part);
          return { type: 'company' as const, id: row.id, title: row.name, subtitle: parts.length > 0 ? parts.join(' · ') : null };
        }),
        ...deals.map((row) => ({ type: 'deal' as const, id: row.id, title: row.name, subtitle: row.company_name ?? row.contact_name ?? null })),
      ],
    };
  }
}
