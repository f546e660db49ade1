// The outbox page a person reads: every value escaped, HTML bodies sandboxed, no script runs.
import { localSenderEmail } from '../../../scripts/lib/environment-config';
import { ROOT } from '../../helpers/paths';
import { useLocalTenant } from '../../helpers/local-tenant';
import { sendgridClient } from '../../helpers/sendgrid-client';

const tenant = useLocalTenant();

test('an empty outbox says so', async () => {
  const page = await fetch(`${tenant().httpUrl}/outbox`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('0 messages');
});

test('a hostile message is shown escaped, its HTML only inside a sandboxed frame', async () => {
  await sendgridClient(tenant().env).request({
    method: 'POST',
    url: '/v3/mail/send',
    body: {
      from: { email: localSenderEmail(ROOT), name: '<b>Sender</b>' },
      personalizations: [{ to: [{ email: 'victim@example.test', name: '"><script>alert(1)</script>' }] }],
      subject: '<img src=x onerror=alert(1)>',
      content: [
        { type: 'text/plain', value: '</pre><script>alert(2)</script>' },
        { type: 'text/html', value: '<p onclick="x()">Hi</p><script>alert(3)</script>' },
      ],
    },
  });
  const page = await fetch(`${tenant().httpUrl}/outbox`);
  expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  const html = await page.text();
  expect(html).toContain('1 message ');
  expect(html).not.toContain('<script>');
  expect(html).not.toContain('<img src=x');
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(html).toContain(
    '<iframe sandbox="allow-same-origin" title="HTML body" srcdoc="&lt;p onclick=&quot;x()&quot;&gt;Hi&lt;/p&gt;&lt;script&gt;alert(3)&lt;/script&gt;"></iframe>',
  );
});
