import crypto from "node:crypto";

const names = new Map<string, string>();

/** A stable prepared-statement name per SQL text, so the database plans each statement once. */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) names.set(sql, (name = `u_${crypto.createHash("sha1").update(sql).digest("hex").slice(0, 20)}`));
  return name;
}

/** A SQL string literal (standard_conforming_strings, on by default since Postgres 9.1). */
export function literal(value: string): string {
  if (value.includes("\0")) throw new Error("NUL in a SQL literal");
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A parameter value as a SQL literal, in the text form a driver sends for a bind
 * parameter: the literal is untyped, so Postgres reads it with the parameter's own type.
 */
export function paramLiteral(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return literal(value.toISOString());
  if (Array.isArray(value)) return literal(arrayText(value));
  if (typeof value === "object") return literal(JSON.stringify(value));
  return literal(String(value));
}

/** EXECUTE of a prepared statement, its values as literals (for a message that cannot carry bind parameters). */
export function executeStatement(name: string, params: unknown[]): string {
  return `execute ${name}(${params.map(paramLiteral).join(", ")})`;
}

/** A Postgres array's text form: {"a","b",NULL}. */
function arrayText(values: unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return "NULL";
    if (Array.isArray(v)) return arrayText(v);
    const text = v instanceof Date ? v.toISOString() : typeof v === "object" ? JSON.stringify(v) : String(v);
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(",")}}`;
}
