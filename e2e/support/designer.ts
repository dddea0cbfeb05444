import { expect, type Page } from '@playwright/test';

export const designNode = (kind: string) => `[data-testid=design-node][data-kind=${kind}]`;

/** Creates an empty design for the storefront application account and opens it. */
export async function newDesign(page: Page, name: string): Promise<string> {
  await page.goto('/designs');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('New resources go to').selectOption('222222222222|us-east-1');
  await page.getByRole('button', { name: 'Create design' }).click();
  await expect(page.getByTestId('designer')).toBeVisible();
  return page.url().split('/').pop()!;
}

/** The inspector's first field with this label (the record's own, before its children's). */
export function field(page: Page, label: string) {
  return page.getByTestId('inspector').getByTestId('field').filter({ has: page.getByText(label, { exact: true }) }).first();
}
