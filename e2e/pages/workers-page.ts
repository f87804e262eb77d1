import type { Locator, Page } from 'playwright-core';

export class WorkersPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/workers`);
    await this.page.getByTestId('page-title').filter({ hasText: 'Workers' }).waitFor();
  }

  /** Workers our runtime runs (from heartbeats); `source` "bullmq" for plain BullMQ workers. */
  workers(source: 'lookout' | 'bullmq' = 'lookout'): Locator {
    return this.page.locator(`[data-testid="worker-row"][data-source="${source}"]`);
  }

  worker(id: string): Locator {
    return this.page.locator(`[data-testid="worker-row"][data-worker-id="${id}"]`);
  }

  runningWorkers(): Locator {
    return this.workers().filter({ has: this.page.locator('[data-testid="worker-status"][data-status="running"]') });
  }

  status(row: Locator): Promise<string | null> {
    return row.getByTestId('worker-status').getAttribute('data-status');
  }

  supervisor(name: string): Locator {
    return this.page.locator(`[data-testid="supervisor-row"][data-supervisor="${name}"]`);
  }
}
