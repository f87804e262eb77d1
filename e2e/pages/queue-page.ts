import type { Locator, Page } from 'playwright-core';

export class QueuePage {
  constructor(private readonly page: Page) {}

  async selectState(state: string): Promise<void> {
    await this.page.getByTestId(`tab-${state}`).click();
  }

  jobRow(id: string): Locator {
    return this.page.locator(`[data-testid="job-row"][data-job-id="${id}"]`);
  }

  async openJob(id: string): Promise<void> {
    await this.jobRow(id).getByRole('link', { name: id, exact: true }).click();
  }
}
