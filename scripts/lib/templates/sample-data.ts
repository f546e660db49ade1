// Sample data of a template in one locale: templates/<template>/sample.json, overridden key by
// key by templates/<template>/<locale>/sample.json when that file exists. Preview renders with
// it, lint checks it covers the declared variables, and push sends it as SendGrid's test data.
import type { Locale, TemplateSpec } from '../../../templates/catalog';
import { samplePath, type TemplatesSnapshot } from './template-files';

export interface SampleProblem {
  readonly file: string;
  readonly message: string;
}

export interface SampleData {
  readonly data: Readonly<Record<string, unknown>>;
  /** Problems in the user's terms, each with the file it is about. */
  readonly problems: readonly SampleProblem[];
  /** The files the data came from, for messages. */
  readonly files: readonly string[];
}

export function parseSampleFile(
  file: string,
  text: string,
  problems: SampleProblem[],
): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    problems.push({
      file,
      message: `is not valid JSON (${(error as Error).message}); it must be an object of sample values, e.g. {"code": "048213"}.`,
    });
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ file, message: 'must be a JSON object of sample values, e.g. {"code": "048213"}.' });
    return undefined;
  }
  return value as Record<string, unknown>;
}

export function sampleData(snapshot: TemplatesSnapshot, template: TemplateSpec, locale: Locale): SampleData {
  const problems: SampleProblem[] = [];
  const files: string[] = [];
  let data: Record<string, unknown> = {};
  for (const path of [samplePath(template), samplePath(template, locale)]) {
    const text = snapshot.files.get(path);
    if (text === undefined) continue;
    files.push(path);
    const parsed = parseSampleFile(path, text, problems);
    if (parsed) data = { ...data, ...parsed };
  }
  if (files.length === 0) {
    problems.push({
      file: samplePath(template),
      message: `is missing. Add sample values for ${Object.keys(template.variables).join(', ')} (preview renders with them).`,
    });
  }
  return { data, problems, files };
}

/** The line of `"key":` in a JSON text, for messages; 1 when it cannot be found. */
export function lineOfJsonKey(text: string, key: string): number {
  const index = text.indexOf(`${JSON.stringify(key)}`);
  return index < 0 ? 1 : text.slice(0, index).split('\n').length;
}
