import type { Locator, Page } from 'playwright-core';

/** One batch: its progress, its jobs, and the operator actions. */
export class BatchPage {
  constructor(private readonly page: Page) {}

  get name(): Locator {
    return this.page.getByTestId('batch-name');
  }
  get counts(): Locator {
    return this.page.getByTestId('batch-counts');
  }
  jobs(): Locator {
    return this.page.getByTestId('batch-job');
  }
  jobStates(): Promise<string[]> {
    return this.page.getByTestId('batch-job-state').allTextContents();
  }
  action(kind: 'retry' | 'cancel'): Locator {
    return this.page.getByTestId(`batch-${kind}`);
  }

  /** Opens a member's job page. */
  async openJob(row: Locator): Promise<void> {
    await row.getByTestId('batch-job-link').click();
    await this.page.getByTestId('flow-tree').waitFor();
  }
}
