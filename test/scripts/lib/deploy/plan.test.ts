import { formatPlan, pendingTypes, plan } from '../../../../scripts/lib/deploy/plan';
import type { Resource } from '../../../../scripts/lib/deploy/resources';

const flow = (name: string, templateId: string): Resource => ({
  type: 'flows',
  name,
  value: { actions: [{ id: 'send', params: { connection_id: 'email-change-sendgrid', template_id: templateId } }] },
});

describe('plan', () => {
  test('a resource the tenant lacks is created; an equal one is unchanged', () => {
    const changes = plan([flow('a', 'd-1'), flow('b', 'd-2')], [flow('b', 'd-2')]);
    expect(changes.map((c) => [c.name, c.kind])).toEqual([
      ['a', 'create'],
      ['b', 'unchanged'],
    ]);
    expect(pendingTypes(changes)).toEqual(['flows']);
  });

  test('a changed value is shown with its path, old and new value', () => {
    const [change] = plan([flow('a', 'd-new')], [flow('a', 'd-old')]);
    expect(change?.kind).toBe('change');
    expect(change?.differences).toEqual(['actions[0].params.template_id: "d-old" -> "d-new"']);
  });

  test('keys the tenant adds on its own are not differences', () => {
    const current: Resource = {
      ...flow('a', 'd-1'),
      value: {
        actions: [{ id: 'send', params: { connection_id: 'email-change-sendgrid', template_id: 'd-1' } }],
        created_at: 'x',
      },
    };
    expect(plan([flow('a', 'd-1')], [current])[0]?.kind).toBe('unchanged');
  });

  test('an action removed from a flow is a difference', () => {
    const current: Resource = { type: 'flows', name: 'a', value: { actions: [{ id: 'x' }, { id: 'y' }] } };
    const desired: Resource = { type: 'flows', name: 'a', value: { actions: [{ id: 'x' }] } };
    expect(plan([desired], [current])[0]?.differences).toEqual(['actions[1]: removed {"id":"y"}']);
  });

  test('secret fingerprints are compared, never shown', () => {
    const desired: Resource = { type: 'actions', name: 'email-change', value: { secrets_sha256: 'a'.repeat(64) } };
    const current: Resource = { type: 'actions', name: 'email-change', value: { secrets_sha256: 'b'.repeat(64) } };
    const [change] = plan([desired], [current]);
    expect(change?.differences).toEqual(['secret values: changed since the last deploy']);
  });

  test('the printed plan lists every resource and counts', () => {
    const text = formatPlan(plan([flow('a', 'd-new'), flow('b', 'd-2')], [flow('a', 'd-old'), flow('b', 'd-2')]));
    expect(text).toContain('change    flows/a');
    expect(text).toContain('unchanged flows/b');
    expect(text).toContain('Plan: 0 to create, 1 to change, 1 unchanged.');
  });
});
