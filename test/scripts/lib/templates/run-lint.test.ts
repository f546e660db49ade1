import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TemplateLintError, lintTemplatesIn } from '../../../../scripts/lib/templates/run-lint';
import { ROOT, scriptArgs } from '../../../helpers/paths';
import { copyTemplatesProject, editFile, lineOf } from '../../../helpers/templates-copy';
import { useTempDir } from '../../../helpers/temp-dir';

const tempDir = useTempDir('templates-lint');

/** The problems templates:lint reports for a copy of the templates changed by `edit`. */
function problemsAfter(edit: (root: string) => void): string[] {
  const root = copyTemplatesProject(tempDir());
  edit(root);
  try {
    lintTemplatesIn(root);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateLintError);
    return [...(error as TemplateLintError).problems];
  }
  throw new Error('templates:lint passed');
}

describe('npm run templates:lint', () => {
  test("the repository's templates pass, and it says what it checked", () => {
    expect(lintTemplatesIn(ROOT)).toBe('templates are fine: 3 templates x 2 locales (en, es), 18 parts checked');
  });

  test('an unknown variable: names the file, the line and the variable, and the declared ones', () => {
    let line = 0;
    const problems = problemsAfter((root) => {
      line = lineOf(root, 'templates/code/es/html.hbs', '{{email}}');
      editFile(root, 'templates/code/es/html.hbs', '{{email}}', '{{correo}}');
    });
    expect(problems).toEqual([
      `templates/code/es/html.hbs:${line}: {{correo}} is not a variable of "code" (its variables: code, email, expires_in_minutes). ` +
        'Fix the name, or declare the variable in templates/catalog.ts and send it from the flow.',
      'templates/code/es/html.hbs: does not show {{email}}, which templates/code/en/html.hbs shows: every locale says the same.',
    ]);
  });

  test('an unknown variable inside a block and one read through @root are both found', () => {
    const problems = problemsAfter((root) => {
      appendFileSync(
        join(root, 'templates/notice-old/en/text.hbs'),
        '{{#if change_id}}Ref {{ref}}{{/if}}\n{{@root.ticket}}\n',
      );
    });
    expect(problems).toEqual([
      expect.stringMatching(/^templates\/notice-old\/en\/text\.hbs:\d+: \{\{ref\}\} is not a variable of "notice-old"/),
      expect.stringMatching(
        /^templates\/notice-old\/en\/text\.hbs:\d+: \{\{ticket\}\} is not a variable of "notice-old"/,
      ),
    ]);
  });

  test('a missing locale: names the template, the locale, and what to copy', () => {
    const problems = problemsAfter((root) => rmSync(join(root, 'templates/notice-old/es'), { recursive: true }));
    expect(problems).toEqual([
      'templates/notice-old/es/: missing: every locale has every template, and "notice-old" has no "es" version. ' +
        'Copy templates/notice-old/en/ there and translate it.',
    ]);
  });

  test('an HTML without its plain-text twin', () => {
    const problems = problemsAfter((root) => rmSync(join(root, 'templates/address-in-use/en/text.hbs')));
    expect(problems).toEqual([
      'templates/address-in-use/en/text.hbs: missing: templates/address-in-use/en/html.hbs has no plain-text twin. Write the same message as plain text here.',
    ]);
  });

  test('a plain-text twin that leaves out the code the HTML shows', () => {
    const problems = problemsAfter((root) =>
      editFile(root, 'templates/code/en/text.hbs', '{{{code}}}', '(see the HTML version)'),
    );
    expect(problems).toContain(
      'templates/code/en/text.hbs: does not show {{code}}, which templates/code/en/html.hbs shows: the plain-text twin must say the same.',
    );
  });

  test('a helper SendGrid does not have, and a partial', () => {
    let line = 0;
    const problems = problemsAfter((root) => {
      line = lineOf(root, 'templates/code/en/html.hbs', '{{code}}');
      editFile(root, 'templates/code/en/html.hbs', '{{code}}', '{{uppercase code}}{{> footer}}');
    });
    expect(problems).toEqual([
      `templates/code/en/html.hbs:${line}: helper "uppercase" is not one SendGrid supports ` +
        '(if, unless, each, formatDate, insert, greaterThan, lessThan, equals, notEquals, and, or, length).',
      `templates/code/en/html.hbs:${line}: a partial ({{> ...}}): SendGrid dynamic templates have none.`,
    ]);
  });

  test('a link that is not https, as an href and as bare text', () => {
    const problems = problemsAfter((root) => {
      editFile(
        root,
        'templates/address-in-use/es/html.hbs',
        'href="{{support_url}}"',
        'href="http://example.com/help"',
      );
      appendFileSync(join(root, 'templates/address-in-use/es/text.hbs'), 'Más: http://example.com/faq\n');
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^templates\/address-in-use\/es\/html\.hbs:\d+: href="http:\/\/example\.com\/help" is not an https link: write the full https:\/\/ address, or one variable that holds it\.$/,
      ),
      expect.stringMatching(
        /^templates\/address-in-use\/es\/text\.hbs:\d+: http:\/\/example\.com\/faq is not an https link: use https:\/\/\.$/,
      ),
      'templates/address-in-use/es/html.hbs: does not show {{support_url}}, which templates/address-in-use/en/html.hbs shows: every locale says the same.',
    ]);
  });

  test('a value written unescaped in HTML', () => {
    const problems = problemsAfter((root) =>
      editFile(root, 'templates/address-in-use/en/html.hbs', '{{email}}', '{{{email}}}'),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^templates\/address-in-use\/en\/html\.hbs:\d+: \{\{\{email\}\}\} is not HTML-escaped: write \{\{email\}\}/,
      ),
    ]);
  });

  test('a value in a subject written with two braces, which SendGrid would HTML-escape', () => {
    const problems = problemsAfter((root) => {
      editFile(root, 'templates/address-in-use/en/subject.hbs', 'this email address', '{{email}}');
      editFile(root, 'templates/address-in-use/es/subject.hbs', 'esta dirección de correo', '{{{email}}}');
    });
    expect(problems).toEqual([
      'templates/address-in-use/en/subject.hbs:1: write {{{email}}} in a subject: SendGrid HTML-escapes {{email}} there too, so "&" would show as "&amp;".',
    ]);
  });

  test('a template that does not compile: names the file and the line', () => {
    let line = 0;
    const problems = problemsAfter((root) => {
      line = lineOf(root, 'templates/notice-old/en/html.hbs', '{{change_id}}');
      editFile(root, 'templates/notice-old/en/html.hbs', '{{change_id}}', '{{change_id}');
    });
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(`^templates/notice-old/en/html\\.hbs:${line}: does not compile: expected .+, got 'INVALID'\\.$`),
      ),
    ]);
  });

  test('sample data that misses a declared variable, or holds an unknown one', () => {
    const problems = problemsAfter((root) => {
      writeFileSync(
        join(root, 'templates/code/sample.json'),
        JSON.stringify({ code: '048213', email: 'a@example.com', expiry: 5 }, null, 2),
      );
    });
    expect(problems).toEqual([
      'templates/code/sample.json: has no sample value for "expires_in_minutes" (how long the code stays valid): add one, so that preview shows it.',
      'templates/code/sample.json:4: "expiry" is not a variable of "code" (its variables: code, email, expires_in_minutes): remove it or fix its name.',
    ]);
  });

  test('a folder for a locale the catalog does not have, a stray file, a missing part', () => {
    const problems = problemsAfter((root) => {
      mkdirSync(join(root, 'templates/code/fr'));
      writeFileSync(join(root, 'templates/code/es/body.hbs'), 'x');
      rmSync(join(root, 'templates/code/es/text.hbs'));
    });
    expect(problems).toEqual([
      'templates/code/fr/: "fr" is not a supported locale (SUPPORTED_LOCALES in actions/email-change/contract.ts: en, es). Rename the folder, or add the locale to SUPPORTED_LOCALES.',
      'templates/code/es/body.hbs: is not a part of a template: a locale folder holds subject.hbs, html.hbs, text.hbs and optionally sample.json. Rename or remove it.',
      'templates/code/es/text.hbs: missing: templates/code/es/html.hbs has no plain-text twin. Write the same message as plain text here.',
    ]);
  });

  test('the command prints every problem and exits 1', () => {
    const root = copyTemplatesProject(tempDir());
    rmSync(join(root, 'templates/code/es'), { recursive: true });
    editFile(root, 'templates/notice-old/en/subject.hbs', 'changed', 'changed {{{when}}}');
    const result = spawnSync(process.execPath, scriptArgs(join(ROOT, 'scripts/templates-lint.ts'), '--root', root), {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'templates/code/es/: missing: every locale has every template, and "code" has no "es" version.',
    );
    expect(result.stderr).toContain(
      'templates/notice-old/en/subject.hbs:1: {{when}} is not a variable of "notice-old"',
    );
    expect(result.stderr).toContain('templates:lint found 2 problems in templates/.');
  });
});
