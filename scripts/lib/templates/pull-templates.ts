// templates:pull: brings the subject, HTML and plain text of each template's active version in
// SendGrid (edited in SendGrid's own editor, say) back into the files. SendGrid's text is
// checked as the files would be before anything is written: if it fails templates:lint,
// nothing is written unless --force (then the files hold it and lint says what to fix).
import { pullWrites, type PullWrite } from './compare-templates';
import { formatProblem, lintTemplates } from './lint-templates';
import { localEmails } from './local-emails';
import { readRemoteTemplates } from './read-remote-templates';
import { UserError } from '../user-error';
import { SendgridTemplatesApi } from './sendgrid-templates-api';
import { readTemplatesSnapshot, withFiles, writeProjectFile } from './template-files';
import { targetFor, type TemplatesCommandOptions } from './templates-command';

export interface PullOptions extends TemplatesCommandOptions {
  /** Write SendGrid's text even when it fails the template checks. */
  readonly force?: boolean;
}

export interface PullResult {
  readonly written: readonly PullWrite[];
  /** Lint problems of the files as written (only with force). */
  readonly problems: readonly string[];
}

export class PulledTemplatesFailLint extends UserError {
  constructor(readonly problems: readonly string[]) {
    super(
      `SendGrid's version of the templates fails the template checks, so nothing was written:\n${problems.join('\n')}\n\n` +
        'Fix them in SendGrid and pull again, or run npm run templates:pull -- --force to write them and fix the files.',
    );
  }
}

export async function pullTemplates(options: PullOptions): Promise<PullResult> {
  const snapshot = readTemplatesSnapshot(options.root);
  const api = new SendgridTemplatesApi(targetFor(options));
  const locals = localEmails(snapshot);
  const plan = pullWrites(locals, await readRemoteTemplates(api, locals));
  for (const local of plan.absent) {
    options.log(
      `${local.name} has no active version in SendGrid: nothing to pull (npm run templates:push publishes it)`,
    );
  }

  // Only what SendGrid's text brings counts: problems the files already had are the files'.
  const before = new Set(lintTemplates(snapshot).map(formatProblem));
  const problems = lintTemplates(withFiles(snapshot, new Map(plan.writes.map((w) => [w.file, w.text])))).map(
    formatProblem,
  );
  const brought = problems.filter((p) => !before.has(p));
  if (brought.length > 0 && !options.force) throw new PulledTemplatesFailLint(brought);

  for (const write of plan.writes) {
    writeProjectFile(options.root, write.file, write.text);
    options.log(`updated ${write.file} from ${write.local.name}`);
  }
  if (plan.writes.length === 0) options.log('nothing to pull: the files already hold what SendGrid sends');
  if (problems.length > 0) {
    options.log(`the files now fail templates:lint:\n${problems.join('\n')}`);
  }
  return { written: plan.writes, problems };
}
