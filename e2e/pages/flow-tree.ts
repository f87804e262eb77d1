import type { Locator, Page } from 'playwright-core';

/** The Flow panel of a job page: the parent link and the children with their states. */
export class FlowTree {
  constructor(private readonly page: Page) {}

  get parentLink(): Locator {
    return this.page.getByTestId('flow-parent-link');
  }
  get batchLink(): Locator {
    return this.page.getByTestId('flow-batch-link');
  }
  get childCounts(): Locator {
    return this.page.getByTestId('flow-child-counts');
  }
  children(): Locator {
    return this.page.getByTestId('flow-child');
  }
  childStates(): Promise<string[]> {
    return this.page.getByTestId('flow-child-state').allTextContents();
  }
}
