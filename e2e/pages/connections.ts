import type { Locator, Page } from 'playwright-core';

/** The sidebar's connection switcher. */
export class ConnectionSwitcher {
  constructor(private readonly page: Page) {}

  get links(): Locator {
    return this.page.getByTestId('connection-link');
  }

  link(name: string): Locator {
    return this.page.locator(`[data-testid="connection-link"][data-connection="${name}"]`);
  }

  status(name: string): Locator {
    return this.link(name).getByTestId('connection-status');
  }

  async select(name: string): Promise<void> {
    await this.link(name).click();
  }

  /** The name of the connection marked as the one shown. */
  async current(): Promise<string | null> {
    return this.page.locator('[data-testid="connection-link"][aria-current="page"]').getAttribute('data-connection');
  }
}
