import type { Locator, Page } from 'playwright-core';

export class AuditPage {
  constructor(private readonly page: Page) {}

  async openFromSidebar(): Promise<void> {
    await this.page.getByTestId('nav-audit').click();
    await this.page.getByTestId('page-title').filter({ hasText: 'Audit log' }).waitFor();
  }

  rows(action: string): Locator {
    return this.page.locator(`[data-testid="audit-row"][data-action="${action}"]`);
  }
}
