import { runInNewContext } from 'node:vm';
import { PlainExportsError, toPlainCommonJsExports } from '../../../../scripts/lib/build/plain-commonjs-exports';

function load(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(code, { module, exports: module.exports });
  return module.exports;
}

describe('plain CommonJS exports', () => {
  test("the bundle's final export statement becomes exports assignments with the same values", () => {
    const code = toPlainCommonJsExports('var a=1,b=()=>2;export{b as onContinuePostLogin,a as onExecutePostLogin};', [
      'onExecutePostLogin',
      'onContinuePostLogin',
    ]);
    expect(code).not.toMatch(/export\{/);
    const exported = load(code);
    expect(exported.onExecutePostLogin).toBe(1);
    expect((exported.onContinuePostLogin as () => number)()).toBe(2);
  });

  test('an export name the metafile does not list is refused', () => {
    expect(() => toPlainCommonJsExports('var a=1;export{a as other};', ['onExecutePostLogin'])).toThrow(PlainExportsError);
  });

  test('a bundle with another import or export statement is refused', () => {
    expect(() => toPlainCommonJsExports('import x from "y";var a=x;export{a as onExecutePostLogin};', ['onExecutePostLogin'])).toThrow(
      /another import or export statement/,
    );
  });

  test('a string that merely contains the word export is not mistaken for a statement', () => {
    const code = toPlainCommonJsExports('var a="export {x}";export{a as onExecutePostLogin};', ['onExecutePostLogin']);
    expect(load(code).onExecutePostLogin).toBe('export {x}');
  });
});
