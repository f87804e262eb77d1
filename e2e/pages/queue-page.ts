import type { Locator, Page } from 'playwright-core';

export class QueuePage {
  constructor(private readonly page: Page) {}

  /** The alert pill beside the queue's name in the page header. */
  get alertBadge(): Locator {
    return this.page.getByTestId('page-title').getByTestId('alert-badge');
  }

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

  /** Runs a server-side search (an empty text goes back to the plain list). */
  async search(text: string): Promise<void> {
    await this.page.getByTestId('job-search').fill(text);
    await this.page.getByTestId('job-search').press('Enter');
  }

  /** "Scanned N of M … · K found", once a search has answered. */
  get searchProgress(): Locator {
    return this.page.getByTestId('search-progress');
  }

  async selectAllOnPage(): Promise<void> {
    await this.page.getByTestId('select-all').check();
  }

  /** Selects every job matching the list, like a mail client's "select all N conversations". */
  async selectAllMatching(): Promise<void> {
    await this.page.getByTestId('select-all-matching').click();
    await this.page.getByTestId('all-matching-selected').waitFor();
  }

  async actOnAllMatching(action: 'retry' | 'delete' | 'promote'): Promise<void> {
    await this.page.getByTestId(`bulk-${action}`).click();
  }

  /** A background operation's progress panel (the newest one when several are shown). */
  get operation(): Locator {
    return this.page.getByTestId('operation').last();
  }

  async operationPercent(): Promise<number> {
    return Number(await this.operation.getByTestId('operation-progress').getAttribute('aria-valuenow'));
  }

  get pauseButton(): Locator {
    return this.page.getByTestId('pause-queue');
  }

  get resumeButton(): Locator {
    return this.page.getByTestId('resume-queue');
  }
}
