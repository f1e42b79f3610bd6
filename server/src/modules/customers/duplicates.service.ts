import { Inject, Injectable } from '@nestjs/common';
import type { CountryCode } from 'libphonenumber-js';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import type { Actor } from '../auth/actor';
import { DuplicateProbe, DuplicateRow, DuplicatesRepository, NAME_SIMILARITY_THRESHOLD } from './duplicates.repository';
import { normalizeEmail, normalizePhone, phoneRegion } from './contact-points';
import { normaliseDuplicateTaxId } from './duplicates.normalise';
import { CompanyDuplicatesRequest, ContactDuplicatesRequest, DuplicateCandidate, DuplicateReason } from './dto/duplicates.dto';
import { MERGE_ENTITIES, MergeEntity } from './merge.entities';

/** At most this many candidates are shown. */
const MAX_CANDIDATES = 10;
/** Shorter names have too few trigrams to compare. */
const MIN_NAME_LENGTH = 3;

/** Possible duplicates of what a create/edit form holds, among the records the caller may read. */
@Injectable()
export class DuplicatesService {
  private readonly region: CountryCode;

  constructor(
    private readonly duplicates: DuplicatesRepository,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'defaultPhoneRegion'>,
  ) {
    this.region = phoneRegion(config.defaultPhoneRegion) ?? 'AZ';
  }

  async find(actor: Actor, entity: MergeEntity, request: ContactDuplicatesRequest & Partial<Pick<CompanyDuplicatesRequest, 'taxId'>>): Promise<DuplicateCandidate[]> {
    const probe: DuplicateProbe = {
      name: request.name && request.name.length >= MIN_NAME_LENGTH ? request.name : undefined,
      emails: unique((request.emails ?? []).map(normalizeEmail)),
      phones: unique((request.phones ?? []).map((phone) => normalizePhone(phone, this.region))),
      taxId: request.taxId ? normaliseDuplicateTaxId(request.taxId) : undefined,
      excludeId: request.excludeId,
    };
    const rows = await this.duplicates.find(actor.ability, MERGE_ENTITIES[entity], probe);
    return rows.map(toCandidate).sort(byStrength).slice(0, MAX_CANDIDATES);
  }
}

function toCandidate(row: DuplicateRow): DuplicateCandidate {
  const reasons: DuplicateReason[] = [];
  for (const kind of ['email', 'phone'] as const) {
    if (row.point_kinds.includes(kind)) {
      reasons.push(kind);
    }
  }
  if (row.same_tax_id) {
    reasons.push('taxId');
  }
  const similarity = Math.round(row.similarity * 1000) / 1000;
  if (row.similarity >= NAME_SIMILARITY_THRESHOLD) {
    reasons.push('name');
  }
  return { id: row.id, name: row.name, ownerName: row.owner_name, reasons, similarity };
}

/** Exact matches (e-mail, phone, tax id) before name-only ones; more reasons first; then by name similarity. */
function byStrength(a: DuplicateCandidate, b: DuplicateCandidate): number {
  const exact = (c: DuplicateCandidate): number => c.reasons.filter((reason) => reason !== 'name').length;
  return exact(b) - exact(a) || b.reasons.length - a.reasons.length || b.similarity - a.similarity || a.name.localeCompare(b.name);
}

const unique = (values: (string | undefined)[]): string[] => [...new Set(values.filter((value): value is string => value !== undefined))];
