import type { Locator, Page } from 'playwright-core';

export class JobPage {
  constructor(private readonly page: Page) {}

  get failedReason(): Locator {
    return this.page.getByTestId('failed-reason');
  }
  get stacktrace(): Locator {
    return this.page.getByTestId('stacktrace');
  }
  get data(): Locator {
    return this.page.getByTestId('job-data');
  }
  get state(): Locator {
    return this.page.getByTestId('job-state');
  }
  action(kind: 'retry' | 'delete' | 'promote'): Locator {
    return this.page.getByTestId(`job-${kind}`);
  }
}
