// Renders every template in every locale with its sample data, and lays the results out for a
// person to read: <template>.<locale>.html (the email as sent), .txt (its plain-text twin) and
// an index.html that shows the locales side by side. The PNGs come from screenshot-previews.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, TEMPLATES, sendgridTemplateName, type Locale, type TemplateSpec } from '../../../templates/catalog';
import { escapeHtml } from '../../../local-tenant/shared/html-escape';
import { renderSendgridTemplate } from '../../../platform/sendgrid-handlebars';
import { sampleData } from './sample-data';
import { partPath, type TemplatesSnapshot } from './template-files';

export interface RenderedEmail {
  readonly template: TemplateSpec;
  readonly locale: Locale;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** File names of one email's preview, relative to the preview folder. */
export function previewFileNames(template: TemplateSpec, locale: Locale): { html: string; text: string; png: string } {
  const base = `${template.id}.${locale}`;
  return { html: `${base}.html`, text: `${base}.txt`, png: `${base}.png` };
}

/** Renders every template and locale; the snapshot is expected to pass lint. */
export function renderAll(snapshot: TemplatesSnapshot): RenderedEmail[] {
  return TEMPLATES.flatMap((template) =>
    LOCALES.map((locale): RenderedEmail => {
      const data = sampleData(snapshot, template, locale).data;
      const render = (part: 'subject' | 'html' | 'text') =>
        renderSendgridTemplate(snapshot.files.get(partPath(template, locale, part)) ?? '', data);
      return { template, locale, subject: render('subject').trim(), html: render('html'), text: render('text') };
    }),
  );
}

function indexPage(emails: readonly RenderedEmail[], withImages: boolean): string {
  const cell = (email: RenderedEmail | undefined): string => {
    if (!email) return '<td></td>';
    const files = previewFileNames(email.template, email.locale);
    const view = withImages
      ? `<a href="${files.html}"><img src="${files.png}" alt="${escapeHtml(email.subject)}"></a>`
      : `<iframe src="${files.html}" title="${escapeHtml(email.subject)}"></iframe>`;
    return [
      '<td>',
      `<p class="subject"><span>Subject</span> ${escapeHtml(email.subject)}</p>`,
      view,
      `<details><summary>Plain text (${files.text})</summary><pre>${escapeHtml(email.text)}</pre></details>`,
      '</td>',
    ].join('\n');
  };
  const rows = TEMPLATES.map((template) => {
    const cells = LOCALES.map((locale) =>
      cell(emails.find((e) => e.template.id === template.id && e.locale === locale)),
    );
    return [
      `<tr><th colspan="${LOCALES.length}"><h2>${escapeHtml(template.id)}</h2><p>${escapeHtml(template.description)}; `,
      `SendGrid names: ${LOCALES.map((l) => escapeHtml(sendgridTemplateName(template, l))).join(', ')}</p></th></tr>`,
      `<tr>${cells.join('\n')}</tr>`,
    ].join('\n');
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Email templates preview</title>
<style>
body { font-family: system-ui, sans-serif; margin: 24px; color: #1f2328; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th { text-align: left; padding: 24px 8px 8px; border-bottom: 1px solid #d0d7de; }
th h2 { margin: 0; font-size: 20px; }
th p { margin: 4px 0 0; font-weight: normal; color: #57606a; font-size: 14px; }
td { vertical-align: top; padding: 8px; }
.subject span { color: #57606a; font-size: 12px; text-transform: uppercase; margin-right: 8px; }
img { max-width: 100%; border: 1px solid #d0d7de; }
iframe { width: 100%; height: 640px; border: 1px solid #d0d7de; }
pre { white-space: pre-wrap; background: #f6f8fa; padding: 12px; }
</style>
</head>
<body>
<h1>Email templates preview</h1>
<p>Rendered with each template's sample data. Columns: ${LOCALES.join(' | ')}. Click an email to open its HTML.</p>
<table>
<colgroup>${LOCALES.map(() => '<col>').join('')}</colgroup>
<tr>${LOCALES.map((locale) => `<th>${escapeHtml(locale)}</th>`).join('')}</tr>
${rows.join('\n')}
</table>
</body>
</html>
`;
}

/** Writes each email's HTML and text and the index; returns the HTML files' paths. */
export function writePreviewFiles(
  outDir: string,
  emails: readonly RenderedEmail[],
  options: { withImages: boolean },
): string[] {
  mkdirSync(outDir, { recursive: true });
  const htmlFiles: string[] = [];
  for (const email of emails) {
    const files = previewFileNames(email.template, email.locale);
    writeFileSync(join(outDir, files.html), email.html);
    writeFileSync(join(outDir, files.text), `Subject: ${email.subject}\n\n${email.text}`);
    htmlFiles.push(join(outDir, files.html));
  }
  writeFileSync(join(outDir, 'index.html'), indexPage(emails, options.withImages));
  return htmlFiles;
}
