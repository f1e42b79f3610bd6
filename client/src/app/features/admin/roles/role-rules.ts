import type { Schema } from '@app/core/api/schema';

export type RoleRule = Schema<'RoleRuleDto'>;
export type RuleSubject = RoleRule['subject'];
export type RuleAction = RoleRule['action'];
export type RuleScope = RoleRule['scope'];
/** What one cell of the grid allows: nothing, or a rule with that scope. */
export type CellScope = RuleScope | 'none';
export type RuleGrid = Record<RuleSubject, Record<RuleAction, CellScope>>;

/**
 * Every subject a role speaks of and whether its records have an owner, as the server's
 * OWNED_SUBJECTS says (server/src/modules/permissions/subjects.ts). A Record, so that a subject
 * added to the API fails the build here until it is placed.
 */
const HAS_OWNER: Record<Exclude<RuleSubject, 'all'>, boolean> = {
  Contact: true,
  Company: true,
  Deal: true,
  Activity: true,
  Task: true,
  Case: true,
  Campaign: true,
  Segment: true,
  Report: true,
  AuditEvent: false,
  User: false,
  Team: false,
  Role: false,
  Pipeline: false,
  AutomationRule: false,
  Settings: false,
};

const ACTION_ORDER: Record<RuleAction, number> = { read: 0, create: 1, update: 2, delete: 3, export: 4, assign: 5, manage: 6 };
const SCOPE_WIDTH: Record<CellScope, number> = { none: 0, own: 1, team: 2, all: 3 };

/** Rows of the grid: "everything" first, then each subject. */
export const GRID_SUBJECTS: readonly RuleSubject[] = ['all', ...(Object.keys(HAS_OWNER) as Exclude<RuleSubject, 'all'>[])];
/** Columns of the grid. */
export const GRID_ACTIONS: readonly RuleAction[] = (Object.keys(ACTION_ORDER) as RuleAction[]).sort((a, b) => ACTION_ORDER[a] - ACTION_ORDER[b]);

/** `own` and `team` only mean something where records have an owner (the responsible person). */
export function hasOwner(subject: RuleSubject): boolean {
  return subject !== 'all' && HAS_OWNER[subject];
}

/** The scopes a cell of this subject offers. */
export function scopesFor(subject: RuleSubject): CellScope[] {
  return hasOwner(subject) ? ['none', 'own', 'team', 'all'] : ['none', 'all'];
}

export function emptyGrid(): RuleGrid {
  return Object.fromEntries(
    GRID_SUBJECTS.map((subject) => [subject, Object.fromEntries(GRID_ACTIONS.map((action) => [action, 'none']))]),
  ) as RuleGrid;
}

export interface GridModel {
  grid: RuleGrid;
  /**
   * Rules a cell cannot show: those limited to some fields, and `own`/`team` on a subject without
   * an owner. They are shown apart, read-only, and saved back unchanged.
   */
  kept: RoleRule[];
}

/** A role's rules as the grid shows them; two rules on one cell keep the wider scope, as CASL would allow the union. */
export function rulesToGrid(rules: readonly RoleRule[]): GridModel {
  const grid = emptyGrid();
  const kept: RoleRule[] = [];
  for (const rule of rules) {
    const limitedToFields = rule.fields !== undefined && rule.fields.length > 0;
    if (limitedToFields || !scopesFor(rule.subject).includes(rule.scope)) {
      kept.push(rule);
      continue;
    }
    const cell = grid[rule.subject];
    if (SCOPE_WIDTH[rule.scope] > SCOPE_WIDTH[cell[rule.action]]) {
      cell[rule.action] = rule.scope;
    }
  }
  return { grid, kept };
}

/**
 * The rules to save: one per cell that allows something, in grid order, then the kept rules.
 * A scope the subject cannot have is left out rather than widened to `all`.
 */
export function gridToRules(grid: RuleGrid, kept: readonly RoleRule[] = []): RoleRule[] {
  const rules: RoleRule[] = [];
  for (const subject of GRID_SUBJECTS) {
    const offered = scopesFor(subject);
    for (const action of GRID_ACTIONS) {
      const scope = grid[subject][action];
      if (scope !== 'none' && offered.includes(scope)) {
        rules.push({ subject, action, scope });
      }
    }
  }
  return [...rules, ...kept];
}

/** The grid with one cell changed (grids are kept immutable, so that signals see the change). */
export function withCell(grid: RuleGrid, subject: RuleSubject, action: RuleAction, scope: CellScope): RuleGrid {
  return { ...grid, [subject]: { ...grid[subject], [action]: scope } };
}
