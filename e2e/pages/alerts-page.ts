import type { Locator, Page } from 'playwright-core';

export class AlertsPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/alerts`);
  }

  async waitUntilShown(): Promise<void> {
    await this.page.getByTestId('page-title').filter({ hasText: 'Alerts' }).waitFor();
  }

  alert(state: 'firing' | 'pending' | 'resolved', rule: string, queue: string): Locator {
    return this.page.locator(`[data-testid="${state}-alerts"] [data-testid="alert-row"][data-rule="${rule}"][data-queue="${queue}"]`);
  }

  /** The timeline's bars of one alert (`data-state` pending or firing). */
  timelineSpans(rule: string, queue: string): Locator {
    return this.page.locator(`[data-testid="timeline-row"][data-rule="${rule}"][data-queue="${queue}"] [data-testid="timeline-span"]`);
  }

  async silence(row: Locator, minutes: number): Promise<void> {
    await row.getByTestId('silence-minutes').selectOption(String(minutes));
    await row.getByTestId('silence-button').click();
  }

  get rulesEditor(): Locator {
    return this.page.getByTestId('rules-editor');
  }

  get rulesList(): Locator {
    return this.page.getByTestId('rules-list');
  }

  get webhooks(): Locator {
    return this.page.getByTestId('webhooks-panel');
  }
}
