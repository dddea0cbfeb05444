// What failed in a test run, in a few lines each, read from the runners' JSON reports: printed
// last by `npm test`, beside the summary, so a long log's tail says which test failed and why.
import fs from 'node:fs';

export interface Failure {
  test: string;
  message: string;
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** The first lines of an error message, without colours or the call log that follows them. */
export function shortMessage(message: string, lines = 4): string {
  const kept: string[] = [];
  for (const line of message.replace(ANSI, '').split('\n')) {
    if (/^\s*(Call log:|at |\d+ \|)/.test(line)) break;
    if (line.trim()) kept.push(line.trimEnd());
    if (kept.length === lines) break;
  }
  return kept.join('\n');
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  suites?: PlaywrightSuite[];
  specs?: { title: string; line: number; file: string; tests: { results: { status: string; error?: { message?: string } }[] }[] }[];
}

/** Failed tests of a Playwright `json` report (`PLAYWRIGHT_JSON_OUTPUT_NAME`). */
export function playwrightFailures(report: { suites?: PlaywrightSuite[] }): Failure[] {
  const out: Failure[] = [];
  // The top-level suites are the files; the titles of the describe blocks inside them name the test.
  const walk = (suite: PlaywrightSuite, titles: string[], top: boolean) => {
    const path = top ? [] : [...titles, suite.title];
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const last = test.results.at(-1);
        if (!last || last.status === 'passed' || last.status === 'skipped') continue;
        out.push({ test: `${spec.file}:${spec.line} › ${[...path, spec.title].filter(Boolean).join(' › ')}`, message: shortMessage(last.error?.message ?? last.status) });
      }
    }
    for (const child of suite.suites ?? []) walk(child, path, false);
  };
  for (const suite of report.suites ?? []) walk(suite, [], true);
  return out;
}

/** Failed tests of a Vitest `json` report (`--outputFile.json`). */
export function vitestFailures(report: { testResults?: { name: string; message?: string; status: string; assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[] }[] }, root: string): Failure[] {
  const out: Failure[] = [];
  for (const file of report.testResults ?? []) {
    const name = file.name.startsWith(root) ? file.name.slice(root.length + 1) : file.name;
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed) out.push({ test: `${name} › ${a.fullName}`, message: shortMessage(a.failureMessages?.[0] ?? 'failed') });
    // A file that failed before any test ran (an import error).
    if (file.status === 'failed' && !failed.length) out.push({ test: name, message: shortMessage(file.message ?? 'failed') });
  }
  return out;
}

/** The failures recorded in a report file; none when the runner wrote no report. */
export function readFailures(file: string, parse: (report: never) => Failure[]): Failure[] {
  if (!fs.existsSync(file)) return [];
  try {
    return parse(JSON.parse(fs.readFileSync(file, 'utf8')) as never);
  } catch (err) {
    return [{ test: file, message: `unreadable report: ${(err as Error).message}` }];
  }
}
