// templates:preview on a project folder: lints first (a template that does not pass cannot be
// shown as SendGrid would send it), renders every template and locale with its sample data,
// writes the HTML, text and index, then the PNGs.
import { relative } from 'node:path';
import { formatProblem, lintTemplates } from './lint-templates';
import { renderAll, writePreviewFiles } from './preview-templates';
import { TemplateLintError } from './run-lint';
import { screenshotPreviews } from './screenshot-previews';
import { readTemplatesSnapshot } from './template-files';

export interface PreviewResult {
  readonly htmlFiles: readonly string[];
  readonly pngFiles: readonly string[];
  readonly index: string;
}

export async function previewTemplatesIn(
  root: string,
  outDir: string,
  options: { png?: boolean } = {},
): Promise<PreviewResult> {
  const snapshot = readTemplatesSnapshot(root);
  const problems = lintTemplates(snapshot).map(formatProblem);
  if (problems.length > 0) throw new TemplateLintError(problems);
  const png = options.png ?? true;
  const htmlFiles = writePreviewFiles(outDir, renderAll(snapshot), { withImages: png });
  const pngFiles = png ? await screenshotPreviews(htmlFiles) : [];
  return { htmlFiles, pngFiles, index: `${outDir}/index.html` };
}

export function describePreview(result: PreviewResult, cwd: string): string {
  const show = (file: string) => relative(cwd, file) || file;
  return [
    ...result.htmlFiles.map((file) => `wrote ${show(file)}`),
    ...result.pngFiles.map((file) => `wrote ${show(file)}`),
    `open ${show(result.index)} to see every email side by side`,
  ].join('\n');
}
