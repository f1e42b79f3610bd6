import type { Labelled } from './deals-api';

/** A stage's, pipeline's or lost reason's name in the interface language, else the name it was created with. */
export function labelOf(item: Labelled | null | undefined, language: string): string {
  if (item === null || item === undefined) {
    return '';
  }
  const label = (item.labels as Record<string, string | undefined>)[language];
  return label !== undefined && label.trim() !== '' ? label : item.name;
}
