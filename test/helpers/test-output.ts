// Where tests write what a person may want to look at (screenshots, the security report): an
// ignored folder, so that a test run never rewrites a tracked file. `npm run docs:refresh` runs
// the tests that make them with UPDATE_DOCS=1, which writes them into the tracked docs instead.
import { join } from 'node:path';
import { ROOT } from './paths';

export const UPDATE_DOCS = process.env.UPDATE_DOCS === '1';
const OUTPUT = join(ROOT, '.test-output');

/** The README's screenshots (docs/screenshots), or the ignored output folder. */
export const SCREENSHOTS_DIR = UPDATE_DOCS ? join(ROOT, 'docs', 'screenshots') : join(OUTPUT, 'screenshots');
/** The security tests' table (docs/security-results.md), or the ignored output folder. */
export const SECURITY_REPORT_FILE = UPDATE_DOCS
  ? join(ROOT, 'docs', 'security-results.md')
  : join(OUTPUT, 'security-results.md');
