import { inject, Pipe, PipeTransform } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import type { Schema } from '@app/core/api/schema';

type RoleText = Pick<Schema<'RoleResponse'>, 'name' | 'builtIn'> & Partial<Pick<Schema<'RoleResponse'>, 'label' | 'description'>>;

/**
 * The label (or description) of a role in the interface language: built-in roles are stored in
 * English by the server, so their texts come from the translations; a company's own roles show
 * what the administrator wrote. Impure: follows a language switch.
 */
@Pipe({ name: 'crmRoleText', pure: false })
export class RoleTextPipe implements PipeTransform {
  private readonly transloco = inject(TranslocoService);

  transform(role: RoleText, part: 'label' | 'description' = 'label'): string {
    const stored = role[part] ?? role.name;
    if (!role.builtIn) {
      return stored;
    }
    const key = `admin.builtInRoles.${role.name}.${part}`;
    const text = this.transloco.translate(key);
    return text === key || text === '' ? stored : text;
  }
}
