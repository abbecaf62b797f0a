import { SelectOptions } from '../ui/select-options.tsx';
import type { ThemeChoice } from './theme.ts';
import { useAppTheme } from './theme-context.tsx';

const labels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeToggle() {
  const { choice, setChoice } = useAppTheme();
  return (
    <div className="field">
      <label htmlFor="theme-choice">Theme</label>
      <select id="theme-choice" value={choice} onChange={(e) => setChoice(e.target.value as ThemeChoice)}>
        <SelectOptions labels={labels} />
      </select>
    </div>
  );
}
