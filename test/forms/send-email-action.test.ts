import { checkTemplateData, sendEmailAction } from '../../forms/send-email-action';

test('an email carries exactly the variables the catalog lists for its template', () => {
  expect(() => checkTemplateData('address-in-use', { email: 'x', support_url: 'y' })).not.toThrow();
  expect(() => checkTemplateData('address-in-use', { email: 'x' })).toThrow(
    'the address-in-use email gets email, but templates/catalog.ts lists email, support_url: send exactly those',
  );
  expect(() => checkTemplateData('code', { code: '1', email: 'x', expires_in_minutes: 5, name: 'n' })).toThrow(
    /gets code, email, expires_in_minutes, name, but templates\/catalog.ts lists code, email, expires_in_minutes/,
  );
});

test('one module decides the SendGrid call: HTTP/SEND_REQUEST to /v3/mail/send with the Bearer vault connection, the sender and the template of the locale', () => {
  expect(
    sendEmailAction({
      id: 'tell',
      template: 'address-in-use',
      to: '{{vars.x}}',
      data: { email: '{{vars.x}}', support_url: 'https://s' },
    }),
  ).toEqual({
    id: 'tell',
    type: 'HTTP',
    action: 'SEND_REQUEST',
    // The caller decides on {{actions.tell.success}}: unset if the action failed, false if SendGrid refused.
    allow_failure: true,
    params: {
      connection_id: 'email-change-sendgrid-http',
      url: '##SENDGRID_API_URL##/v3/mail/send',
      method: 'POST',
      content_type: 'JSON',
      payload: {
        from: '@@SENDGRID_FROM@@',
        personalizations: [
          { to: [{ email: '{{vars.x}}' }], dynamic_template_data: { email: '{{vars.x}}', support_url: 'https://s' } },
        ],
        template_id: '{{vars.sendgrid_template_address_in_use}}',
      },
    },
  });
});
