// `npm test`: every suite, unit to end-to-end, on a fresh machine by itself.
//
// 1. typecheck and lint   2. vitest: unit, db (PGlite and a throw-away PostgreSQL), emulator
// 3. next build  4. Playwright in Debian's Chromium against lattice-local + the console (and
//    against two consoles on one PostgreSQL)
//
// Pass suite names to run a subset: `npm test -- unit db`.
import fs from 'node:fs';
import path from 'node:path';
import { playwrightFailures, readFailures, vitestFailures, type Failure } from './lib/failures';
import { bin, onStop, root, run, stopChildrenOnExit } from './lib/processes';
import { ensureChromium, startTemporaryPostgres, type TemporaryPostgres } from './lib/system';

const ALL = ['typecheck', 'lint', 'unit', 'db', 'emulator', 'e2e'] as const;
type Suite = (typeof ALL)[number];

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = requested.filter((s) => !ALL.includes(s as Suite));
if (unknown.length) {
  console.error(`test: unknown suite ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
  process.exit(2);
}
const suites: Suite[] = requested.length ? (requested as Suite[]) : [...ALL];

// Each runner also writes a JSON report here; what failed is read back for the end of the log.
const reports = path.join(root, '.trellis', 'test-reports');

/** Runs one Playwright configuration, its report kept as `name`. */
function playwright(name: string, config: string | null, env: NodeJS.ProcessEnv): Promise<number> {
  const reporter = env.CI ? 'list,json' : 'list,html,json';
  const file = path.join(reports, `${name}.json`);
  return run(bin('playwright'), ['test', ...(config ? ['-c', config] : []), '--reporter', reporter], { env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: file, PLAYWRIGHT_HTML_OPEN: 'never' } }).then((code) => {
    if (code) failures.push(...readFailures(file, playwrightFailures).map((f) => ({ ...f, suite: 'e2e' })));
    return code;
  });
}

const failures: (Failure & { suite: string })[] = [];

async function main() {
  stopChildrenOnExit();
  const results: { suite: Suite; ok: boolean; seconds: number }[] = [];
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
  let postgres: TemporaryPostgres | null = null;

  fs.rmSync(reports, { recursive: true, force: true });
  fs.mkdirSync(reports, { recursive: true });
  try {
    if (suites.includes('e2e')) env.CHROMIUM_PATH = ensureChromium();
    // The db suite, and the e2e specs that run several consoles on one database, need a server.
    if ((suites.includes('db') || suites.includes('e2e')) && !env.TEST_DATABASE_URL) {
      postgres = await startTemporaryPostgres();
      // Stopped in `finally` below, or by the signal handler if the run is interrupted.
      onStop(postgres.stop);
      env.TEST_DATABASE_URL = postgres.url;
      console.log(`test: PostgreSQL for the db and e2e suites at ${postgres.url}`);
    }

    for (const suite of suites) {
      const started = Date.now();
      console.log(`\n=== ${suite} ===`);
      let code: number;
      if (suite === 'typecheck') {
        code = await run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], { env });
      } else if (suite === 'lint') {
        code = await run(bin('eslint'), ['.', '--max-warnings', '0'], { env });
      } else if (suite === 'e2e') {
        code = await run(bin('next'), ['build'], { env });
        if (code === 0) code = await playwright('e2e', null, env);
        // Specs that need approval required run against a console started with it.
        if (code === 0) code = await playwright('e2e-approval', 'playwright.approval.config.ts', env);
        // The first view needs a console that has never discovered.
        if (code === 0) code = await playwright('e2e-first-view', 'playwright.first-view.config.ts', env);
        // Two consoles on one PostgreSQL, the one applying killed mid-apply.
        if (code === 0) code = await playwright('e2e-consoles', 'playwright.consoles.config.ts', env);
      } else {
        const file = path.join(reports, `${suite}.json`);
        code = await run(bin('vitest'), ['run', '--project', suite, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], { env });
        if (code) failures.push(...readFailures(file, (r) => vitestFailures(r, root)).map((f) => ({ ...f, suite })));
      }
      results.push({ suite, ok: code === 0, seconds: Math.round((Date.now() - started) / 1000) });
    }
  } finally {
    postgres?.stop();
  }

  if (failures.length) {
    console.log('\n=== failures ===');
    for (const f of failures) console.log(`${f.suite}: ${f.test}\n${f.message.replace(/^/gm, '    ')}`);
  }
  console.log('\n=== summary ===');
  for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.suite} (${r.seconds} s)`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`suites: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(`test: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
