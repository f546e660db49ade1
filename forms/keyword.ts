// A per-environment value in a form or flow body. Written as "@@NAME@@": deploy-cli replaces
// the quoted marker with JSON.stringify(value) (docs/platform-facts.md §5), so strings, objects and
// arrays all stay valid JSON. The build refuses names not declared in scripts/lib/keywords.ts.
export function keyword<T = string>(name: string): T {
  return `@@${name}@@` as unknown as T;
}
