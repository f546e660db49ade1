import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, TEMPLATES } from '../../../../templates/catalog';
import { previewTemplatesIn } from '../../../../scripts/lib/templates/run-preview';
import { TemplateLintError } from '../../../../scripts/lib/templates/run-lint';
import { copyTemplatesProject } from '../../../helpers/templates-copy';
import { useTempDir } from '../../../helpers/temp-dir';

const tempDir = useTempDir('templates-preview');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('npm run templates:preview', () => {
  // One chromium launch draws every PNG.
  test('writes one HTML, text and PNG file per template and locale, rendered with the sample data, and an index', async () => {
    const root = copyTemplatesProject(tempDir());
    const out = join(root, 'templates', '.preview');
    const result = await previewTemplatesIn(root, out);

    const expected = TEMPLATES.flatMap((t) => LOCALES.map((l) => `${t.id}.${l}`));
    const files = readdirSync(out).sort();
    expect(files).toEqual(
      [...expected.flatMap((base) => [`${base}.html`, `${base}.png`, `${base}.txt`]), 'index.html'].sort(),
    );
    expect(result.htmlFiles).toHaveLength(TEMPLATES.length * LOCALES.length);

    // What an admin reads: the sample values in place, dates formatted, no Handlebars left.
    const codeEn = readFileSync(join(out, 'code.en.html'), 'utf8');
    expect(codeEn).toContain('048213');
    expect(codeEn).toContain('new.address@example.com');
    expect(codeEn).not.toContain('{{');
    const noticeEs = readFileSync(join(out, 'notice-old.es.html'), 'utf8');
    expect(noticeEs).toContain('El 14/11/2026 a las 09:30 (UTC)');
    expect(noticeEs).toContain('chg_7Q2mX9pL4vK8');
    expect(noticeEs).toContain('href="https://example.com/support"');
    expect(readFileSync(join(out, 'notice-old.en.txt'), 'utf8')).toMatch(
      /^Subject: The email address of your account was changed\n\n[\s\S]*On 2026-11-14 at 09:30 UTC[\s\S]*Support reference: chg_7Q2mX9pL4vK8/,
    );

    for (const base of expected) {
      const png = readFileSync(join(out, `${base}.png`));
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      // The IHDR chunk holds the width: the screenshot is as wide as the preview viewport.
      expect(png.readUInt32BE(16)).toBe(680);
    }

    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const base of expected) expect(index).toContain(`<a href="${base}.html"><img src="${base}.png"`);
    expect(index).toContain('Tu código para confirmar tu nueva dirección de correo');
    expect(index).toContain('<th>en</th><th>es</th>');
  }, 60_000);

  test('stops on lint problems and writes nothing', async () => {
    const root = copyTemplatesProject(tempDir());
    rmSync(join(root, 'templates/code/es/html.hbs'));
    const out = join(root, 'out');
    await expect(previewTemplatesIn(root, out, { png: false })).rejects.toThrow(TemplateLintError);
    await expect(previewTemplatesIn(root, out, { png: false })).rejects.toThrow(
      /templates\/code\/es\/html\.hbs: missing/,
    );
    expect(() => readdirSync(out)).toThrow(/ENOENT/);
  });
});
