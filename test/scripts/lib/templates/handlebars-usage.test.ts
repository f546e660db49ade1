// What lint reads from a template: its variables, helpers and unescaped output, from Handlebars'
// syntax tree.
import { templateUsage } from '../../../../scripts/lib/templates/handlebars-usage';

describe('what a template uses, from its syntax tree', () => {
  test('variables at the root, in blocks, after {{else}}, through @root and ../; not the items of each', () => {
    const usage = templateUsage(
      '{{#if a}}{{b}}{{else if c}}{{d}}{{/if}}\n{{#each list as |item|}}{{item.x}} {{y}} {{../e}} {{@root.f}} {{@index}}{{/each}}',
    );
    expect(usage.variables.map((v) => `${v.name}@${v.line}`)).toEqual([
      'a@1',
      'b@1',
      'c@1',
      'd@1',
      'list@2',
      'e@2',
      'f@2',
    ]);
    expect(usage.helpers.map((h) => h.name)).toEqual(['if', 'if', 'each']);
  });

  test('helpers in subexpressions and with hash arguments; unescaped output', () => {
    const usage = templateUsage('{{#if (equals a "x")}}{{{b}}}{{/if}} {{shout c level=d}}');
    expect(usage.helpers.map((h) => h.name).sort()).toEqual(['equals', 'if', 'shout']);
    expect(usage.variables.map((v) => v.name).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(usage.unescaped.map((u) => u.name)).toEqual(['b']);
  });
});
