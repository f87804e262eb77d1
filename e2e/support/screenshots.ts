import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Takes one of the README's screenshots. It lands in docs/screenshots/ only with LOOKOUT_UPDATE_SCREENSHOTS=1, so a
 * test run leaves the working tree as it was; otherwise under .lookout/test-results/screenshots/ to look at.
 */
export async function readmeScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const dir = process.env.LOOKOUT_UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : join(ROOT, '.lookout', 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), ...options });
}
