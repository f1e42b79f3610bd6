import { SetMetadata } from '@nestjs/common';
import type { Action, Subject } from './subjects';

export const REQUIRED_PERMISSION = 'crm:permission';

export interface RequiredPermission {
  action: Action;
  subject: Subject;
}

/**
 * The action on a subject type a route needs. The guard checks the type; the service checks
 * the loaded record and lists filter in SQL with the same rules.
 */
export const Can = (action: Action, subject: Subject): MethodDecorator =>
  SetMetadata(REQUIRED_PERMISSION, { action, subject } satisfies RequiredPermission);
