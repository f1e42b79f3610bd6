import { AuditFoundation1732000000001 } from './1732000000001-audit-foundation';
import { Auth1732000000002 } from './1732000000002-auth';
import { Contacts1732000000003 } from './1732000000003-contacts';

/** Every migration, oldest first. Files are never edited once released; add a new one instead. */
export const MIGRATIONS = [AuditFoundation1732000000001, Auth1732000000002, Contacts1732000000003];
