/**
 * A small JSON parser that knows where things are: the line of every property (by dotted
 * path, as the normaliser reports errors) and the line and column of the first syntax error,
 * worded for someone editing an alert by hand. Browsers word JSON.parse errors differently
 * and not all of them give a position, so the playground does not rely on them.
 */

export type JsonSyntaxError = { message: string; line: number; column: number };
export type PositionedJson = { ok: true; value: unknown; lines: Map<string, number> } | { ok: false; error: JsonSyntaxError };

class Stop extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Parses JSON text, recording the line of each property path ("intent.sl.value"); "" is the root. */
export function parseWithPositions(text: string): PositionedJson {
  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text[k] === "\n") lineStarts.push(k + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const lines = new Map<string, number>();
  let i = 0;

  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const describe = () => (i >= text.length ? "the end of the text" : `“${text[i]}”`);

  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\n") throw new Stop("A text value must end with a double quote on the same line", i);
      i += text[i] === "\\" ? 2 : 1;
    }
    if (i >= text.length) throw new Stop("A text value is missing its closing double quote", start);
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      throw new Stop("This text value holds an invalid escape (a backslash must be followed by \", \\, /, b, f, n, r, t or uXXXX)", start);
    }
  };

  const value = (path: string[]): void => {
    ws();
    const c = text[i];
    if (c === "{" && text[i + 1] === "{") {
      throw new Stop("A TradingView placeholder stands where JSON needs a value: TradingView fills it in when the alert fires (use “Fill placeholders”)", i);
    }
    if (c === "{") return object(path);
    if (c === "[") return array(path);
    if (c === '"') return void str();
    if (c === "-" || (c >= "0" && c <= "9")) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) throw new Stop("This is not a valid number", i);
      i += m[0].length;
      return;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (c === "'") throw new Stop("JSON text needs double quotes, not single quotes", i);
    if (c === "}" || c === "]") throw new Stop(`Expected a value before ${describe()}`, i);
    throw new Stop(`Expected a value (text in double quotes, a number, true, false, null, an object or a list), found ${describe()}`, i);
  };

  const object = (path: string[]): void => {
    i++;
    ws();
    if (text[i] === "}") return void i++;
    for (;;) {
      ws();
      if (text[i] === "}") throw new Stop("Remove the comma before “}”: JSON does not allow a trailing comma", i);
      if (text[i] !== '"') throw new Stop(`Expected a property name in double quotes, found ${describe()}`, i);
      const keyAt = i;
      const key = str();
      const childPath = [...path, key];
      lines.set(childPath.join("."), lineOf(keyAt));
      ws();
      if (text[i] !== ":") throw new Stop(`Expected “:” after the property name "${key}"`, i);
      i++;
      value(childPath);
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") return void i++;
      throw new Stop(`Expected “,” or “}” after the value of "${key}", found ${describe()}`, i);
    }
  };

  const array = (path: string[]): void => {
    i++;
    ws();
    if (text[i] === "]") return void i++;
    for (let n = 0; ; n++) {
      ws();
      if (text[i] === "]") throw new Stop("Remove the comma before “]”: JSON does not allow a trailing comma", i);
      lines.set([...path, String(n)].join("."), lineOf(i));
      value([...path, String(n)]);
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") return void i++;
      throw new Stop(`Expected “,” or “]” in the list, found ${describe()}`, i);
    }
  };

  try {
    ws();
    if (i >= text.length) throw new Stop("The alert is empty: write a JSON object, or load a sample", 0);
    lines.set("", lineOf(i));
    value([]);
    ws();
    if (i < text.length) throw new Stop(`Unexpected ${describe()} after the end of the JSON value`, i);
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    const line = lineOf(err.offset);
    return { ok: false, error: { message: err.message, line, column: err.offset - lineStarts[line - 1] + 1 } };
  }
  return { ok: true, value: JSON.parse(text), lines };
}

/**
 * The line to point at for an error path: the property's own line, else the nearest
 * enclosing object's (a missing field is reported on the object that lacks it).
 */
export function lineForPath(lines: Map<string, number>, path: string): number | undefined {
  const parts = path ? path.split(".") : [];
  for (let n = parts.length; n >= 0; n--) {
    const line = lines.get(parts.slice(0, n).join("."));
    if (line !== undefined) return line;
  }
  return undefined;
}
