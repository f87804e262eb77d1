import type { Locator, Page } from 'playwright-core';

/** The header's "find a job by id in every queue" box. */
export class JobFinder {
  constructor(private readonly page: Page) {}

  async find(id: string): Promise<void> {
    await this.page.getByTestId('job-finder').fill(id);
    await this.page.getByTestId('job-finder').press('Enter');
  }

  get results(): Locator {
    return this.page.getByTestId('job-finder-results');
  }
}
