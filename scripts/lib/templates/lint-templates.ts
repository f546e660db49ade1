// The checks of `npm run templates:lint`, on a snapshot of templates/ (no disk access here):
// every locale has every template and every part; every part compiles, uses only its
// template's declared variables and SendGrid's helpers; HTML escapes every variable; every
// HTML has a plain-text twin that shows the same variables; every link is https; the sample
// data covers the declared variables; nothing looks like a secret. Each problem names the
// file, the line when there is one, and what to do.
import { DEFAULT_LOCALE, LOCALES, TEMPLATES, type Locale, type TemplateSpec } from '../../../templates/catalog';
import { findSecrets } from '../secret-patterns';
import { templateUsage, TemplateSyntaxError, type TemplateUsage } from './handlebars-usage';
import { renderSendgridTemplate, SENDGRID_HELPERS } from '../../../platform/sendgrid-handlebars';
import { lineOfJsonKey, parseSampleFile, sampleData } from './sample-data';
import { linkProblems } from './template-links';
import {
  PART_FILE_NAMES,
  PARTS,
  partPath,
  SAMPLE_FILE_NAME,
  samplePath,
  TEMPLATES_FOLDER,
  type Part,
  type TemplatesSnapshot,
} from './template-files';

export interface LintProblem {
  /** Project-relative path of the file (or folder, ending in "/"). */
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

export function formatProblem(problem: LintProblem): string {
  return `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`;
}

// SendGrid's limits on a template version (twilio/sendgrid-oai, tsg_templates_v3.yaml,
// TransactionalTemplateVersionCreate): subject at most 255 characters, html_content and
// plain_content at most 1048576 bytes each.
export const MAX_SUBJECT_CHARACTERS = 255;
export const MAX_CONTENT_BYTES = 1_048_576;

const list = (names: Iterable<string>): string => [...names].join(', ');

function checkStructure(snapshot: TemplatesSnapshot, problems: LintProblem[]): void {
  const ids = new Set<string>(TEMPLATES.map((t) => t.id));
  const locales = new Set<string>(LOCALES);
  const partNames = new Set(Object.values(PART_FILE_NAMES));
  for (const folder of snapshot.folders) {
    const [, id, locale, ...deeper] = folder.split('/');
    if (locale === undefined && !ids.has(id as string)) {
      problems.push({
        file: `${folder}/`,
        message: `"${id}" is not a template of templates/catalog.ts (its templates: ${list(ids)}). Rename the folder, or add the template to the catalog.`,
      });
    } else if (locale !== undefined && deeper.length === 0 && ids.has(id as string) && !locales.has(locale)) {
      problems.push({
        file: `${folder}/`,
        message: `"${locale}" is not a supported locale (SUPPORTED_LOCALES in actions/email-change/contract.ts: ${list(locales)}). Rename the folder, or add the locale to SUPPORTED_LOCALES.`,
      });
    } else if (deeper.length === 1 && ids.has(id as string) && locales.has(locale as string)) {
      problems.push({
        file: `${folder}/`,
        message: `a locale folder holds only ${list(partNames)} and ${SAMPLE_FILE_NAME}: move or remove this folder.`,
      });
    }
  }
  for (const file of snapshot.files.keys()) {
    const [, id, second, third, ...deeper] = file.split('/');
    if (!ids.has(id as string) || deeper.length > 0) continue;
    if (third === undefined && second !== SAMPLE_FILE_NAME) {
      problems.push({
        file,
        message: `${TEMPLATES_FOLDER}/${id}/ holds only its locale folders and ${SAMPLE_FILE_NAME}: move or remove this file.`,
      });
    } else if (
      third !== undefined &&
      locales.has(second as string) &&
      third !== SAMPLE_FILE_NAME &&
      !partNames.has(third)
    ) {
      problems.push({
        file,
        message: `is not a part of a template: a locale folder holds ${list(partNames)} and optionally ${SAMPLE_FILE_NAME}. Rename or remove it.`,
      });
    }
  }
  for (const template of TEMPLATES) {
    for (const locale of LOCALES) {
      const present = PARTS.filter((part) => snapshot.files.has(partPath(template, locale, part)));
      if (present.length === 0) {
        const from = LOCALES.find((other) => PARTS.some((part) => snapshot.files.has(partPath(template, other, part))));
        problems.push({
          file: `${TEMPLATES_FOLDER}/${template.id}/${locale}/`,
          message:
            `missing: every locale has every template, and "${template.id}" has no "${locale}" version. ` +
            (from
              ? `Copy ${TEMPLATES_FOLDER}/${template.id}/${from}/ there and translate it.`
              : `Write its ${list(Object.values(PART_FILE_NAMES))}.`),
        });
        continue;
      }
      for (const part of PARTS) {
        if (present.includes(part)) continue;
        const file = partPath(template, locale, part);
        problems.push({
          file,
          message:
            part === 'text' && present.includes('html')
              ? `missing: ${partPath(template, locale, 'html')} has no plain-text twin. Write the same message as plain text here.`
              : `missing: every template has a subject, an HTML body and a plain-text body in every locale. Write ${PART_FILE_NAMES[part]}.`,
        });
      }
    }
  }
}

function checkPart(
  template: TemplateSpec,
  locale: Locale,
  part: Part,
  text: string,
  sample: Readonly<Record<string, unknown>>,
  problems: LintProblem[],
): TemplateUsage | undefined {
  const file = partPath(template, locale, part);
  const before = problems.length;
  for (const secret of findSecrets(text)) {
    problems.push({
      file,
      message: `holds what looks like ${secret}. Templates are committed and sent to users: remove it.`,
    });
  }
  if (part === 'subject') {
    const lines = text.replace(/\n+$/, '').split('\n');
    if (lines.length !== 1 || (lines[0] ?? '').trim() === '') {
      problems.push({ file, message: 'a subject is one non-empty line.' });
    } else if ((lines[0] as string).trim().length > MAX_SUBJECT_CHARACTERS) {
      problems.push({
        file,
        line: 1,
        message: `the subject is ${(lines[0] as string).trim().length} characters; SendGrid allows at most ${MAX_SUBJECT_CHARACTERS}.`,
      });
    }
  } else if (Buffer.byteLength(text) > MAX_CONTENT_BYTES) {
    problems.push({
      file,
      message: `is ${Buffer.byteLength(text)} bytes; SendGrid allows at most ${MAX_CONTENT_BYTES} per body.`,
    });
  }
  let usage: TemplateUsage;
  try {
    usage = templateUsage(text);
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    problems.push({ file, line: error.line, message: `does not compile: ${error.message}.` });
    return undefined;
  }
  const declared = Object.keys(template.variables);
  for (const variable of usage.variables) {
    if (template.variables[variable.name] === undefined) {
      problems.push({
        file,
        line: variable.line,
        message:
          `{{${variable.name}}} is not a variable of "${template.id}" (its variables: ${list(declared)}). ` +
          'Fix the name, or declare the variable in templates/catalog.ts and send it from the flow.',
      });
    }
  }
  for (const helper of usage.helpers) {
    if (!SENDGRID_HELPERS.has(helper.name)) {
      problems.push({
        file,
        line: helper.line,
        message: `helper "${helper.name}" is not one SendGrid supports (${list(SENDGRID_HELPERS)}).`,
      });
    }
  }
  for (const unsupported of usage.unsupported) {
    problems.push({ file, line: unsupported.line, message: `${unsupported.name}.` });
  }
  if (part === 'html') {
    for (const raw of usage.unescaped) {
      problems.push({
        file,
        line: raw.line,
        message: `{{{${raw.name}}}} is not HTML-escaped: write {{${raw.name}}} so that no value can inject HTML into the email.`,
      });
    }
  }
  if (part === 'subject') {
    // SendGrid's "Using Handlebars" reference: in a subject, {{x}} is HTML-escaped too, so a
    // value with ' " or & needs three braces.
    for (const value of usage.escaped) {
      problems.push({
        file,
        line: value.line,
        message: `write {{{${value.name}}}} in a subject: SendGrid HTML-escapes {{${value.name}}} there too, so "&" would show as "&amp;".`,
      });
    }
  }
  for (const link of linkProblems(text, part === 'html')) {
    problems.push({ file, line: link.line, message: `${link.message}.` });
  }
  if (problems.length === before) {
    try {
      renderSendgridTemplate(text, sample);
    } catch (error) {
      problems.push({ file, message: `does not render with its sample data: ${(error as Error).message}` });
    }
  }
  return usage;
}

function checkSample(
  template: TemplateSpec,
  locale: Locale,
  snapshot: TemplatesSnapshot,
  problems: LintProblem[],
): Record<string, unknown> {
  const sample = sampleData(snapshot, template, locale);
  problems.push(...sample.problems);
  if (sample.files.length === 0) return {};
  const override = samplePath(template, locale);
  for (const name of Object.keys(template.variables)) {
    if (sample.data[name] === undefined || sample.data[name] === null) {
      problems.push({
        file: samplePath(template),
        message:
          `has no sample value for "${name}" (${template.variables[name]})` +
          (sample.files.includes(override) ? `, nor has ${override}` : '') +
          ': add one, so that preview shows it.',
      });
    }
  }
  for (const file of sample.files) {
    const text = snapshot.files.get(file) as string;
    for (const link of linkProblems(text, false)) {
      problems.push({ file, line: link.line, message: `${link.message}: preview and SendGrid's test data show it.` });
    }
    const parsed = parseSampleFile(file, text, []);
    for (const name of Object.keys(parsed ?? {})) {
      if (template.variables[name] === undefined) {
        problems.push({
          file,
          line: lineOfJsonKey(text, name),
          message: `"${name}" is not a variable of "${template.id}" (its variables: ${list(Object.keys(template.variables))}): remove it or fix its name.`,
        });
      }
    }
  }
  return { ...sample.data };
}

const namesOf = (usage: TemplateUsage | undefined): Set<string> => new Set(usage?.variables.map((v) => v.name) ?? []);

export function lintTemplates(snapshot: TemplatesSnapshot): LintProblem[] {
  const problems: LintProblem[] = [];
  checkStructure(snapshot, problems);
  for (const template of TEMPLATES) {
    const usages = new Map<string, TemplateUsage | undefined>();
    for (const locale of LOCALES) {
      const sample = checkSample(template, locale, snapshot, problems);
      for (const part of PARTS) {
        const text = snapshot.files.get(partPath(template, locale, part));
        if (text !== undefined)
          usages.set(`${locale}/${part}`, checkPart(template, locale, part, text, sample, problems));
      }
      // The plain-text twin carries the same information as the HTML.
      const html = usages.get(`${locale}/html`);
      const textUsage = usages.get(`${locale}/text`);
      if (html && textUsage) {
        const shown = namesOf(textUsage);
        for (const name of [...namesOf(html)].filter((n) => !shown.has(n) && template.variables[n] !== undefined)) {
          problems.push({
            file: partPath(template, locale, 'text'),
            message: `does not show {{${name}}}, which ${partPath(template, locale, 'html')} shows: the plain-text twin must say the same.`,
          });
        }
      }
    }
    // Every translation shows what the default locale shows.
    for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
      for (const part of PARTS) {
        const reference = usages.get(`${DEFAULT_LOCALE}/${part}`);
        const translation = usages.get(`${locale}/${part}`);
        if (!reference || !translation) continue;
        const shown = namesOf(translation);
        for (const name of [...namesOf(reference)].filter(
          (n) => !shown.has(n) && template.variables[n] !== undefined,
        )) {
          problems.push({
            file: partPath(template, locale, part),
            message: `does not show {{${name}}}, which ${partPath(template, DEFAULT_LOCALE, part)} shows: every locale says the same.`,
          });
        }
      }
    }
  }
  // A file shared by the locales (sample.json) is checked once per locale: say each thing once.
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = formatProblem(problem);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
