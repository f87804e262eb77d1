import type { Config } from 'tailwindcss';

/** Theme tokens: status colours used by every badge, dot and chart. Loaded from app/globals.css with @config. */
const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        status: {
          ok: '#16a34a',
          warning: '#d97706',
          critical: '#dc2626',
          paused: '#6366f1',
          idle: '#64748b',
        },
        state: {
          waiting: '#0ea5e9',
          active: '#22c55e',
          delayed: '#a855f7',
          prioritized: '#f59e0b',
          children: '#14b8a6',
          completed: '#16a34a',
          failed: '#dc2626',
        },
      },
    },
  },
};

export default config;
