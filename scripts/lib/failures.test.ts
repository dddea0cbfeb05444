import { describe, expect, it } from 'vitest';
import { playwrightFailures, shortMessage, vitestFailures } from './failures';

const ESC = String.fromCharCode(27);

describe('failures of a test run', () => {
  it('keeps the first lines of a message, without colours or the call log', () => {
    const message = `Error: ${ESC}[2mexpect(${ESC}[22mlocator).toHaveAttribute(expected) failed\n\nLocator: x\nExpected: "live"\nReceived: "new"\nTimeout: 10000ms\n\nCall log:\n  - waiting`;
    expect(shortMessage(message)).toBe('Error: expect(locator).toHaveAttribute(expected) failed\nLocator: x\nExpected: "live"\nReceived: "new"');
    expect(shortMessage('Error: boom\n    at foo (a.ts:1:1)')).toBe('Error: boom');
  });

  it('reads the failed tests of a Playwright report, with their file, line and titles', () => {
    const report = {
      suites: [
        {
          title: 'design.spec.ts',
          file: 'design.spec.ts',
          specs: [],
          suites: [
            {
              title: 'design, plan and apply',
              file: 'design.spec.ts',
              specs: [
                { title: 'applies', file: 'design.spec.ts', line: 10, tests: [{ results: [{ status: 'failed', error: { message: 'Error: expected live\n\nCall log:\n - x' } }] }] },
                { title: 'reads', file: 'design.spec.ts', line: 76, tests: [{ results: [{ status: 'passed' }] }] },
                { title: 'waits', file: 'design.spec.ts', line: 90, tests: [{ results: [{ status: 'timedOut', error: { message: 'Test timeout of 60000ms exceeded.' } }] }] },
              ],
            },
          ],
        },
      ],
    };
    expect(playwrightFailures(report)).toEqual([
      { test: 'design.spec.ts:10 › design, plan and apply › applies', message: 'Error: expected live' },
      { test: 'design.spec.ts:90 › design, plan and apply › waits', message: 'Test timeout of 60000ms exceeded.' },
    ]);
  });

  it('reads the failed tests of a Vitest report, and files that failed before any test ran', () => {
    const report = {
      testResults: [
        { name: '/repo/lib/a.test.ts', status: 'failed', assertionResults: [{ fullName: 'a adds', status: 'failed', failureMessages: ['AssertionError: expected 1 to be 2\n    at a.test.ts:3'] }, { fullName: 'a keeps', status: 'passed' }] },
        { name: '/repo/lib/b.test.ts', status: 'failed', message: 'Cannot find module ./gone', assertionResults: [] },
        { name: '/repo/lib/c.test.ts', status: 'passed', assertionResults: [{ fullName: 'c', status: 'passed' }] },
      ],
    };
    expect(vitestFailures(report, '/repo')).toEqual([
      { test: 'lib/a.test.ts › a adds', message: 'AssertionError: expected 1 to be 2' },
      { test: 'lib/b.test.ts', message: 'Cannot find module ./gone' },
    ]);
  });
});
