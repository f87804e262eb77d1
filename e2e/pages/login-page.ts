import type { Locator, Page } from 'playwright-core';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
  }

  get error(): Locator {
    return this.page.getByTestId('login-error');
  }

  async waitUntilShown(): Promise<void> {
    await this.page.getByTestId('login-submit').waitFor();
  }
}
