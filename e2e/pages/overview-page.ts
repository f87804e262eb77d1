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

  /** The queue names in the order the table shows them. */
  async queueNames(): Promise<string[]> {
    return this.page.locator('[data-testid="queue-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-queue') ?? ''));
  }

  async sortBy(column: string): Promise<void> {
    await this.page.getByTestId(`sort-${column}`).click();
  }

  async filterQueues(text: string): Promise<void> {
    await this.page.getByTestId('queue-filter').fill(text);
  }

  async openQueue(name: string): Promise<void> {
    await this.queueRow(name).getByRole('link', { name, exact: true }).click();
  }

  get banner(): Locator {
    return this.page.getByTestId('redis-banner');
  }
}
