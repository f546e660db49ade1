import { decodeHtmlEntities, escapeHtml } from '../../../local-tenant/shared/html-escape';

test('escapeHtml escapes the five characters that can end text or a double- or single-quoted attribute', () => {
  expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
  );
});

test('decodeHtmlEntities reads back what escapeHtml wrote, decoding each entity once', () => {
  for (const text of [`<script>alert("1") & 'x'</script>`, '&lt; written as text', 'plain']) {
    expect(decodeHtmlEntities(escapeHtml(text))).toBe(text);
  }
  expect(decodeHtmlEntities('&amp;lt;')).toBe('&lt;');
});
