import type { Locator, Page } from 'playwright-core';

/** The metrics charts, range picker and headline numbers, on the Overview or a queue page. */
export class MetricsPanel {
  constructor(private readonly page: Page) {}

  get charts(): Locator {
    return this.page.getByTestId('metrics-charts');
  }

  chart(name: 'throughput' | 'failure-rate' | 'wait' | 'queue-length' | 'runtime'): Locator {
    return this.page.getByTestId(`chart-${name}`);
  }

  /** The drawn series of a chart (area fills and line paths with a shape). */
  drawnSeries(name: Parameters<MetricsPanel['chart']>[0]): Locator {
    return this.chart(name).locator('path.recharts-area-area[d], path.recharts-line-curve[d]');
  }

  /** The Overview's charts comparing the busiest queues; `data-queues` lists them, busiest first. */
  get queueComparison(): Locator {
    return this.page.getByTestId('queue-comparison');
  }

  comparisonChart(name: 'queues-throughput' | 'queues-failure-rate' | 'queues-wait'): Locator {
    return this.page.getByTestId(`chart-${name}`);
  }

  async selectRange(id: string): Promise<void> {
    await this.page.getByTestId(`range-${id}`).click();
  }

  headline(name: string): Locator {
    return this.page.getByTestId(`headline-${name}`);
  }

  jobNameRow(name: string): Locator {
    return this.page.locator(`[data-testid="job-name-row"][data-job-name="${name}"]`);
  }
}
