// esbuild's CommonJS output wraps an ES module's exports in getters (__toCommonJS), which costs
// every new Action instance time before its first login (bench: cold start 1.56x an empty
// Action with the wrapper, 1.14x without). For a bundle that imports nothing at run time, the
// ES module output is the same code ending in one `export{...}` statement: that statement
// becomes plain `exports.name=binding;` assignments, which is CommonJS as Auth0 runs it.

export class PlainExportsError extends Error {}

const FINAL_EXPORT = /export\s*\{([^}]*)\}\s*;?\s*$/;

/**
 * Turns an ES module bundle's final export statement into CommonJS assignments. `exportNames`
 * is what esbuild's metafile says the bundle exports; anything else found is refused.
 */
export function toPlainCommonJsExports(esmCode: string, exportNames: readonly string[]): string {
  const match = FINAL_EXPORT.exec(esmCode);
  if (!match) throw new PlainExportsError('the bundle does not end in an export statement');
  const assignments = (match[1] as string)
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [binding, name = binding] = part.split(/\s+as\s+/) as [string, string?];
      return { binding, name };
    });
  const found = assignments.map((a) => a.name).sort();
  if (JSON.stringify(found) !== JSON.stringify([...exportNames].sort())) {
    throw new PlainExportsError(`the export statement names ${found.join(', ')} but the bundle exports ${exportNames.join(', ')}`);
  }
  const rest = esmCode.slice(0, match.index);
  if (/(^|[;}\s])(import|export)[\s{*]/.test(rest.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""'))) {
    throw new PlainExportsError('the bundle has another import or export statement');
  }
  return `"use strict";${rest}${assignments.map((a) => `exports.${a.name}=${a.binding};`).join('')}\n`;
}
