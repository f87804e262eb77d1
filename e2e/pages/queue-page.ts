import type { Locator, Page } from 'playwright-core';

export class QueuePage {
  constructor(private readonly page: Page) {}

  async selectState(state: string): Promise<void> {
    await this.page.getByTestId(`tab-${state}`).click();
  }

  jobRow(id: string): Locator {
    return this.page.locator(`[data-testid="job-row"][data-job-id="${id}"]`);
  }

  get jobRows(): Locator {
    return this.page.getByTestId('job-row');
  }

  async openJob(id: string): Promise<void> {
    await this.jobRow(id).getByRole('link', { name: id, exact: true }).click();
  }

  async jobAction(id: string, action: 'retry' | 'delete' | 'promote'): Promise<void> {
    await this.jobRow(id).getByTestId(`row-${action}`).click();
  }

  /** Failure groups, biggest first; `containing` picks the one whose message contains the text. */
  failureGroup(containing: string): Locator {
    return this.page.getByTestId('failure-group').filter({ hasText: containing });
  }

  get failureGroups(): Locator {
    return this.page.getByTestId('failure-group');
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('job-search').fill(text);
  }

  get pauseButton(): Locator {
    return this.page.getByTestId('pause-queue');
  }

  get resumeButton(): Locator {
    return this.page.getByTestId('resume-queue');
  }
}
