import { checkBindingCount, mergePostLoginBindings } from '../../../../scripts/lib/deploy/post-login-bindings';

describe('post-login bindings', () => {
  test("other Actions keep their bindings and order; the bundle's is added at the end", () => {
    expect(mergePostLoginBindings(['risk-check', 'add-claims'], ['email-change'], { ownsList: false })).toEqual([
      'risk-check',
      'add-claims',
      'email-change',
    ]);
  });

  test("the bundle's Action keeps its place when it is already bound", () => {
    expect(
      mergePostLoginBindings(['risk-check', 'email-change', 'add-claims'], ['email-change'], { ownsList: false }),
    ).toEqual(['risk-check', 'email-change', 'add-claims']);
  });

  test("with --owns-post-login the list is the bundle's alone", () => {
    expect(mergePostLoginBindings(['risk-check'], ['email-change'], { ownsList: true })).toEqual(['email-change']);
  });

  test('more than 20 Actions on the trigger is refused with what to do', () => {
    const names = Array.from({ length: 21 }, (_, i) => `a${i}`);
    expect(() => checkBindingCount(names)).toThrow(
      /would have 21 Actions bound; Auth0 allows at most 20\. Unbind an Action/,
    );
  });
});
