import { postFormOf } from '../../../bench/lib/http-session';

test("a page's POST form: its action against the page's URL, and every input with its type and decoded value", () => {
  const html = `<form method="get" action="/u/login/google"><input type="hidden" name="state" value="x"></form>
<form method="post" action="/u/form?state=a&amp;b">
<input type="hidden" name="state" value="tx&quot;1">
<input id="field-new_email_en" name="new_email_en" type="email" required value="">
<button type="submit" name="action" value="next">Send code</button>
</form>`;
  const form = postFormOf({ url: new URL('http://localhost:1234/u/form?state=a'), status: 200, html });
  expect(form.action.href).toBe('http://localhost:1234/u/form?state=a&b');
  expect(form.inputs).toEqual([
    { name: 'state', type: 'hidden', value: 'tx"1' },
    { name: 'new_email_en', type: 'email', value: '' },
  ]);
});

test('a page without a POST form is an error that shows the page', () => {
  expect(() =>
    postFormOf({ url: new URL('http://localhost/u/login'), status: 400, html: '<p>This sign-in has expired.</p>' }),
  ).toThrow('no POST form on /u/login (status 400):\n<p>This sign-in has expired.</p>');
});
