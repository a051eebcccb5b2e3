/**
 * The few `${{ }}` expressions action.yml defaults use (`${{ github.token }}`, `${{ github.workflow }}`...),
 * evaluated from a `github` context object. Anything else evaluates to an empty string, as an unset value would.
 */
export function evaluateDefault(value: string, github: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    const m = /^github\.([A-Za-z_]+)$/.exec(expr);
    return m ? (github[m[1]!] ?? '') : '';
  });
}
