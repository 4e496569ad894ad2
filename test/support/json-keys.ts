/**
 * Keys that appear twice in one object of a JSON text. JSON.parse silently keeps the last of
 * them, so this scans the raw text instead: strings are skipped whole, and a string is a key
 * when it follows `{` or `,` inside an object.
 */
export function repeatedKeys(json: string): string[] {
  const repeated: string[] = [];
  const scopes: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let end = i + 1;
      while (end < json.length && json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      const scope = scopes[scopes.length - 1];
      if (expectKey && scope) {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        if (scope.has(key)) repeated.push(key);
        else scope.add(key);
      }
      expectKey = false;
      i = end;
    } else if (c === '{' || c === '[') {
      scopes.push(c === '{' ? new Set() : null);
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      scopes.pop();
      expectKey = false;
    } else if (c === ',') {
      expectKey = scopes[scopes.length - 1] !== null;
    }
  }
  return repeated;
}
