import { AuditFoundation1732000000001 } from './1732000000001-audit-foundation';
import { Auth1732000000002 } from './1732000000002-auth';
import { Contacts1732000000003 } from './1732000000003-contacts';
import { CompaniesAndContactPoints1732000000004 } from './1732000000004-companies-and-contact-points';
import { CustomFields1732000000005 } from './1732000000005-custom-fields';
import { Activities1732000000006 } from './1732000000006-activities';
import { Attachments1732000000007 } from './1732000000007-attachments';
import { SavedViews1732000000008 } from './1732000000008-saved-views';
import { MergesAndImports1732000000009 } from './1732000000009-merges-and-imports';
import { ActivityTimeline1732000000011 } from './1732000000011-activity-timeline';
import { ContactsOwnerUpdatedIndex1732000000015 } from './1732000000015-contacts-owner-updated-index';
import { ActivityStatistics1732000000016 } from './1732000000016-activity-statistics';
import { StatementAuditTriggers1732000000017 } from './1732000000017-statement-audit-triggers';
import { ReadPath1732000000018 } from './1732000000018-read-path';
import { BoundedOrderIndex1732000000019 } from './1732000000019-bounded-order-index';
import { Sales1732000000020 } from './1732000000020-sales';
import { DealTimeline1732000000021 } from './1732000000021-deal-timeline';
import { QuietDeals1732000000022 } from './1732000000022-quiet-deals';
import { ImportFileRetention1732000000023 } from './1732000000023-import-file-retention';

/** Every migration, oldest first. Files are never edited once released; add a new one instead. */
export const MIGRATIONS = [
  AuditFoundation1732000000001,
  Auth1732000000002,
  Contacts1732000000003,
  CompaniesAndContactPoints1732000000004,
  CustomFields1732000000005,
  Activities1732000000006,
  Attachments1732000000007,
  SavedViews1732000000008,
  MergesAndImports1732000000009,
  ActivityTimeline1732000000011,
  ContactsOwnerUpdatedIndex1732000000015,
  ActivityStatistics1732000000016,
  StatementAuditTriggers1732000000017,
  ReadPath1732000000018,
  BoundedOrderIndex1732000000019,
  Sales1732000000020,
  DealTimeline1732000000021,
  QuietDeals1732000000022,
  ImportFileRetention1732000000023,
];
