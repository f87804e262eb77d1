import type { Locator, Page } from 'playwright-core';

/** The confirmation dialog and the toasts every action page shares. */
export class Feedback {
  constructor(private readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId('confirm-dialog');
  }

  /** Waits for the dialog, returns its text, and confirms. */
  async confirm(): Promise<string> {
    await this.dialog.waitFor();
    const text = (await this.dialog.textContent()) ?? '';
    await this.dialog.getByTestId('confirm-action').click();
    await this.dialog.waitFor({ state: 'detached' });
    return text;
  }

  toast(containing: string): Locator {
    return this.page.getByTestId('toast').filter({ hasText: containing });
  }
}
