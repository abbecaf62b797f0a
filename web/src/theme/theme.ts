export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'finsync.theme';

export function readThemeChoice(storage: Pick<Storage, 'getItem'>): ThemeChoice {
  const value = storage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function saveThemeChoice(storage: Pick<Storage, 'setItem' | 'removeItem'>, choice: ThemeChoice): void {
  if (choice === 'system') storage.removeItem(KEY);
  else storage.setItem(KEY, choice);
}

/** The theme actually drawn: the choice, or the system's preference when the choice is 'system'. */
export function resolveTheme(choice: ThemeChoice, prefersDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (prefersDark ? 'dark' : 'light') : choice;
}
