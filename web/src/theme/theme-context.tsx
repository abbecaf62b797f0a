import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { readThemeChoice, resolveTheme, saveThemeChoice, type ThemeChoice } from './theme.ts';

interface ThemeState {
  choice: ThemeChoice;
  theme: 'light' | 'dark';
  setChoice: (choice: ThemeChoice) => void;
}

const ThemeContext = createContext<ThemeState>({ choice: 'system', theme: 'light', setChoice: () => {} });
const darkQuery = '(prefers-color-scheme: dark)';

/** Applies the theme to <html data-theme> and follows the system while the choice is 'system'. */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const [choice, setChoiceState] = useState<ThemeChoice>(() => readThemeChoice(localStorage));
  const [prefersDark, setPrefersDark] = useState(() => matchMedia(darkQuery).matches);
  useEffect(() => {
    const media = matchMedia(darkQuery);
    const listener = (e: MediaQueryListEvent) => setPrefersDark(e.matches);
    media.addEventListener('change', listener);
    return () => media.removeEventListener('change', listener);
  }, []);
  const theme = resolveTheme(choice, prefersDark);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const setChoice = useCallback((c: ThemeChoice) => {
    saveThemeChoice(localStorage, c);
    setChoiceState(c);
  }, []);
  const value = useMemo(() => ({ choice, theme, setChoice }), [choice, theme, setChoice]);
  return <ThemeContext value={value}>{children}</ThemeContext>;
}

export function useAppTheme(): ThemeState {
  return useContext(ThemeContext);
}
