/**
 * Numbered parameters for a statement built from parts: `p(value)` appends the value and
 * returns its placeholder ($1, $2 …). The text depends only on the order of the calls, so
 * the same shape of statement is the same prepared statement every time.
 */
export type SqlParams = ((value: unknown) => string) & { values: unknown[] };

export function sqlParams(): SqlParams {
  const values: unknown[] = [];
  const p = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  return Object.assign(p, { values });
}
