'use client';

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'lookout-theme';

const ThemeContext = createContext<{ choice: ThemeChoice; setChoice: (choice: ThemeChoice) => void }>({
  choice: 'system',
  setChoice: () => undefined,
});

function applyTheme(choice: ThemeChoice): void {
  const dark = choice === 'dark' || (choice === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
}

export function ThemeProvider({ children }: { children: ReactNode }) {
  const [choice, setChoiceState] = useState<ThemeChoice>('system');

  useEffect(() => {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    const initial: ThemeChoice = stored === 'light' || stored === 'dark' ? stored : 'system';
    setChoiceState(initial);
    applyTheme(initial);
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => applyTheme((window.localStorage.getItem(STORAGE_KEY) as ThemeChoice | null) ?? 'system');
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);

  const setChoice = (next: ThemeChoice) => {
    setChoiceState(next);
    if (next === 'system') window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, next);
    applyTheme(next);
  };

  return <ThemeContext.Provider value={{ choice, setChoice }}>{children}</ThemeContext.Provider>;
}

export function ThemeToggle() {
  const { choice, setChoice } = useContext(ThemeContext);
  const order: ThemeChoice[] = ['system', 'light', 'dark'];
  const next = order[(order.indexOf(choice) + 1) % order.length] ?? 'system';
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      onClick={() => setChoice(next)}
      className="w-full rounded-md border border-slate-700 px-2 py-1 text-xs text-slate-300 hover:bg-slate-800"
      title="Switch colour theme"
    >
      Theme: {choice}
    </button>
  );
}
