import type { Locator, Page } from 'playwright-core';

/** The Batches page: one row per batch, with its state and progress bar. */
export class BatchesPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/`);
    await this.page.getByTestId('nav-batches').click();
    await this.page.getByTestId('page-title').filter({ hasText: 'Batches' }).waitFor();
  }

  /** What the page says while there is no batch. */
  get empty(): Locator {
    return this.page.getByTestId('batches-empty');
  }

  rows(): Locator {
    return this.page.getByTestId('batch-row');
  }

  /** The newest batch whose name starts with `name`. */
  row(namePrefix: string): Locator {
    return this.page.locator(`[data-testid="batch-row"][data-batch-name^="${namePrefix}"]`).first();
  }

  byId(id: string): Locator {
    return this.page.locator(`[data-testid="batch-row"][data-batch-id="${id}"]`);
  }

  async progress(row: Locator): Promise<number> {
    return Number(await row.getByTestId('batch-progress').getAttribute('data-progress'));
  }

  state(row: Locator): Promise<string | null> {
    return row.getByTestId('batch-state').getAttribute('data-state');
  }

  async openBatch(row: Locator): Promise<void> {
    await row.getByTestId('batch-link').click();
    await this.page.getByTestId('batch-jobs').waitFor();
  }
}
