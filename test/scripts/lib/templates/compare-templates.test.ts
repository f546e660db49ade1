// The pure comparison behind push, pull and diff, with plain objects: no files, no SendGrid.
import {
  findDrift,
  findIdDrift,
  normalizePart,
  planPush,
  pullWrites,
  versionToEdit,
  type LocalEmail,
  type RemoteEmail,
} from '../../../../scripts/lib/templates/compare-templates';
import { diffLines, formatDiff } from '../../../../scripts/lib/templates/line-diff';

const local = (overrides: Partial<LocalEmail> = {}): LocalEmail => ({
  template: 'code',
  locale: 'en',
  name: 'email-change-code-en',
  keyword: 'SENDGRID_TEMPLATE_CODE_EN',
  parts: { subject: 'Your code\n', html: '<p>{{code}}</p>\n', text: '{{{code}}}\n' },
  testData: '{"code":"048213"}',
  ...overrides,
});

const remote = (
  overrides: Partial<RemoteEmail> = {},
  edited: Partial<NonNullable<RemoteEmail['edited']>> = {},
): RemoteEmail => ({
  id: 'd-1',
  name: 'email-change-code-en',
  versions: [{ id: 'v-1', active: true }],
  edited: {
    id: 'v-1',
    name: 'Spring edit',
    active: true,
    parts: { subject: 'Your code', html: '<p>{{code}}</p>', text: '{{{code}}}' },
    testData: '{"code": "048213"}',
    ...edited,
  },
  ...overrides,
});

const remotes = (...list: RemoteEmail[]) => new Map(list.map((r) => [r.name, r]));

describe('planPush', () => {
  test('a template SendGrid does not have is created', () => {
    expect(planPush([local()], remotes())).toEqual([{ kind: 'create', local: local() }]);
  });

  test('the same text (trailing newlines and CRLF aside) and test data: nothing to do', () => {
    const crlf = local({ parts: { subject: '  Your code \r\n', html: '<p>{{code}}</p>\r\n\r\n', text: '{{{code}}}' } });
    expect(planPush([crlf], remotes(remote()))).toEqual([
      { kind: 'unchanged', local: crlf, templateId: 'd-1', versionId: 'v-1' },
    ]);
  });

  test('changed parts edit the active version in place, naming the parts', () => {
    const edited = local({
      parts: { subject: 'Your new code\n', html: '<p>{{code}}</p>\n', text: 'Code: {{{code}}}\n' },
    });
    expect(planPush([edited], remotes(remote()))).toEqual([
      {
        kind: 'update',
        local: edited,
        templateId: 'd-1',
        versionId: 'v-1',
        versionName: 'Spring edit',
        parts: ['subject', 'text'],
        testData: false,
        activate: false,
      },
    ]);
  });

  test('changed sample data alone updates the test data', () => {
    const edited = local({ testData: '{"code":"111111"}' });
    expect(planPush([edited], remotes(remote()))).toEqual([
      expect.objectContaining({ kind: 'update', parts: [], testData: true, activate: false }),
    ]);
  });

  test('a template with no active version: its newest version is edited and activated', () => {
    const versions = [
      { id: 'v-old', active: false, updated_at: '2026-01-01 10:00:00' },
      { id: 'v-new', active: false, updated_at: '2026-03-01 10:00:00' },
    ];
    expect(versionToEdit(versions)).toEqual(versions[1]);
    expect(planPush([local()], remotes(remote({ versions }, { id: 'v-new', active: false })))).toEqual([
      expect.objectContaining({ kind: 'update', versionId: 'v-new', parts: [], activate: true }),
    ]);
  });

  test('a template with no version gets its first one', () => {
    const bare: RemoteEmail = { id: 'd-1', name: 'email-change-code-en', versions: [] };
    expect(planPush([local()], remotes(bare))).toEqual([
      { kind: 'add-first-version', local: local(), templateId: 'd-1' },
    ]);
  });
});

describe('findDrift', () => {
  test('nothing differs: no drift', () => {
    expect(findDrift([local()], remotes(remote()))).toEqual([]);
  });

  test('per part: the file, and the lines of each side', () => {
    const drift = findDrift(
      [local()],
      remotes(remote({}, { parts: { subject: 'Your code', html: '<p>Code: {{code}}</p>', text: '{{{code}}}' } })),
    );
    expect(drift).toEqual([
      {
        kind: 'differs',
        local: local(),
        templateId: 'd-1',
        versionId: 'v-1',
        parts: [
          {
            part: 'html',
            file: 'templates/code/en/html.hbs',
            lines: [
              { kind: '-', text: '<p>{{code}}</p>' },
              { kind: '+', text: '<p>Code: {{code}}</p>' },
            ],
          },
        ],
      },
    ]);
  });

  test('a template missing in SendGrid, and one without an active version', () => {
    const es = local({ locale: 'es', name: 'email-change-code-es', keyword: 'SENDGRID_TEMPLATE_CODE_ES' });
    const drift = findDrift([local(), es], remotes(remote({}, { active: false })));
    expect(drift.map((d) => [d.kind, d.local.name])).toEqual([
      ['inactive', 'email-change-code-en'],
      ['missing', 'email-change-code-es'],
    ]);
  });

  test('test data alone is not drift: diff compares what admins edit', () => {
    expect(findDrift([local({ testData: '{"code":"1"}' })], remotes(remote()))).toEqual([]);
  });
});

describe('findIdDrift', () => {
  test('a config id that is not the id of the template of that name', () => {
    expect(findIdDrift([local()], remotes(remote()), { SENDGRID_TEMPLATE_CODE_EN: 'd-0' })).toEqual([
      { keyword: 'SENDGRID_TEMPLATE_CODE_EN', name: 'email-change-code-en', configured: 'd-0', actual: 'd-1' },
    ]);
    expect(findIdDrift([local()], remotes(remote()), { SENDGRID_TEMPLATE_CODE_EN: 'd-1' })).toEqual([]);
    expect(findIdDrift([local()], remotes(), {})).toEqual([]);
  });
});

describe('pullWrites', () => {
  test("writes only the parts that differ, with SendGrid's text and a final newline", () => {
    const plan = pullWrites(
      [local()],
      remotes(
        remote({}, { parts: { subject: 'Your code', html: '<p>{{code}}</p>\r\n<p>Bye</p>', text: '{{{code}}}' } }),
      ),
    );
    expect(plan).toEqual({
      writes: [
        { local: local(), part: 'html', file: 'templates/code/en/html.hbs', text: '<p>{{code}}</p>\n<p>Bye</p>\n' },
      ],
      absent: [],
    });
  });

  test('a missing or inactive template has nothing to pull', () => {
    expect(pullWrites([local()], remotes())).toEqual({ writes: [], absent: [local()] });
    expect(
      pullWrites([local()], remotes(remote({}, { active: false, parts: { subject: 'x', html: 'y', text: 'z' } }))),
    ).toEqual({
      writes: [],
      absent: [local()],
    });
  });
});

describe('line diff', () => {
  test('keeps common lines, shows removed then added, with context and "..." between hunks', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].join('\n');
    const after = ['a', 'B', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n');
    expect(formatDiff(diffLines(before, after), 1)).toEqual(['  a', '- b', '+ B', '  c', '  ...', '  i', '+ j']);
  });

  test('normalizePart trims a subject to one line and a body of trailing blanks', () => {
    expect(normalizePart('subject', '  Hello \n')).toBe('Hello');
    expect(normalizePart('html', '<p>x</p>\r\n\r\n')).toBe('<p>x</p>');
  });
});
