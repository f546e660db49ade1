// The helpers preview and lint render with behave as SendGrid's "Using Handlebars" reference
// shows them (same inputs, same outputs).
import { renderSendgridTemplate } from '../../platform/sendgrid-handlebars';

describe("SendGrid's helpers, as preview renders them", () => {
  test('formatDate: the tokens of its reference, without and with an offset', () => {
    const data = {
      timeStamp: '2020-01-01T23:00:00.000Z',
      dateFormat: 'MMMM DD, YYYY h:mm:ss A',
      timezoneOffset: '-0800',
    };
    expect(renderSendgridTemplate('{{formatDate timeStamp dateFormat}}', data)).toBe('January 01, 2020 11:00:00 PM');
    expect(renderSendgridTemplate('{{formatDate timeStamp dateFormat timezoneOffset}}', data)).toBe(
      'January 01, 2020 3:00:00 PM',
    );
    expect(renderSendgridTemplate('{{formatDate t "YYYY-MM-DD HH:mm ddd ZZ"}}', { t: '2026-11-14T09:30:00Z' })).toBe(
      '2026-11-14 09:30 Sat +0000',
    );
  });

  test('insert: the value, or its default', () => {
    const template = 'Hello {{insert name "default=Customer"}}! About {{insert businessName "your business"}}.';
    expect(renderSendgridTemplate(template, { name: 'Ben', businessName: 'Twilio SendGrid' })).toBe(
      'Hello Ben! About Twilio SendGrid.',
    );
    expect(renderSendgridTemplate(template, { name: 'Ben' })).toBe('Hello Ben! About your business.');
  });

  test('equals and notEquals coerce types; greaterThan, lessThan, and, or, length', () => {
    expect(renderSendgridTemplate('{{#equals a b}}yes{{else}}no{{/equals}}', { a: 3, b: '3' })).toBe('yes');
    expect(renderSendgridTemplate('{{#notEquals a b}}yes{{else}}no{{/notEquals}}', { a: 3, b: '3' })).toBe('no');
    expect(renderSendgridTemplate('{{#greaterThan a b}}high{{else}}low{{/greaterThan}}', { a: 100, b: 78 })).toBe(
      'high',
    );
    expect(renderSendgridTemplate('{{#lessThan a b}}low{{/lessThan}}', { a: 100, b: 78 })).toBe('');
    expect(renderSendgridTemplate('{{#and a b}}both{{else}}not both{{/and}}', { a: 'Pasta', b: '' })).toBe('not both');
    expect(renderSendgridTemplate('{{#or a b}}one{{/or}}', { a: false, b: true })).toBe('one');
    expect(
      renderSendgridTemplate('{{#greaterThan (length items) 0}}{{length items}} items{{/greaterThan}}', {
        items: ['raft', 'hat'],
      }),
    ).toBe('2 items');
  });

  test('a missing value renders as nothing, as SendGrid does', () => {
    expect(renderSendgridTemplate('<p>Hello {{user.profile.firstName}}</p>', { user: {} })).toBe('<p>Hello </p>');
  });

  test('Handlebars helpers SendGrid does not list are not there', () => {
    expect(() => renderSendgridTemplate('{{#with a}}{{b}}{{/with}}', { a: { b: 1 } })).toThrow();
    expect(() => renderSendgridTemplate('{{lookup a "b"}}', { a: { b: 1 } })).toThrow();
  });
});
