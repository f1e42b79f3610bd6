import { Injectable, signal } from '@angular/core';

export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'crm.theme';

/** Light or dark: the theme is built with `theme-type: color-scheme`, so setting `color-scheme` switches it. */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  readonly choice = signal<ThemeChoice>(this.stored());

  constructor() {
    this.apply(this.choice());
  }

  choose(choice: ThemeChoice): void {
    localStorage.setItem(STORAGE_KEY, choice);
    this.choice.set(choice);
    this.apply(choice);
  }

  private apply(choice: ThemeChoice): void {
    document.documentElement.style.colorScheme = choice === 'system' ? 'light dark' : choice;
  }

  private stored(): ThemeChoice {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  }
}
