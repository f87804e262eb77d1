import type { Locator, Page } from 'playwright-core';

export class OverviewPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/`);
    await this.page.getByTestId('page-title').filter({ hasText: 'Overview' }).waitFor();
  }

  queueRow(name: string): Locator {
    return this.page.locator(`[data-testid="queue-row"][data-queue="${name}"]`);
  }

  count(name: string, state: string): Locator {
    return this.queueRow(name).getByTestId(`count-${state}`);
  }

  async openQueue(name: string): Promise<void> {
    await this.queueRow(name).getByRole('link', { name, exact: true }).click();
  }

  get banner(): Locator {
    return this.page.getByTestId('redis-banner');
  }
}
