// The template renderer: `{{key}}` placeholders filled from a table of
// values through the escaper of the template's kind. Strict both ways, so a
// template and its generator cannot drift apart silently: a placeholder with
// no value throws, and so does a value no placeholder uses.

export type Escaper = (text: string) => string;

/**
 * Text this module already rendered (and so escaped): inserted as it is, so a
 * fragment such as a vcxproj file list is not escaped twice. Only
 * renderEach makes one; a plain string is always escaped.
 */
export class Rendered {
  constructor(readonly text: string) {}
}

export type Value = string | Rendered;

const PLACEHOLDER = /\{\{([A-Za-z][A-Za-z0-9_]*)\}\}/g;

/** Fills every `{{key}}` in `template` with `escape(values[key])`. */
export function render(
  template: string,
  values: Readonly<Record<string, Value>>,
  escape: Escaper,
): string {
  const used = new Set<string>();
  const text = template.replace(PLACEHOLDER, (_match, key: string) => {
    if (!Object.prototype.hasOwnProperty.call(values, key)) {
      throw new Error(`template placeholder {{${key}}} has no value`);
    }
    used.add(key);
    const value = values[key];
    return value instanceof Rendered ? value.text : escape(value);
  });
  const unused = Object.keys(values).filter((key) => !used.has(key));
  if (unused.length > 0) throw new Error(`values not used by the template: ${unused.join(', ')}`);
  return text;
}

/**
 * Repeats `line` (a template with placeholders) once per row and joins the
 * results with `separator`: the file lists of a vcxproj, the rows of an INF.
 */
export function renderEach(
  line: string,
  rows: ReadonlyArray<Readonly<Record<string, string>>>,
  escape: Escaper,
  separator = '\n',
): Rendered {
  return new Rendered(rows.map((row) => render(line, row, escape)).join(separator));
}

/**
 * An identifier inserted as it is: for Markdown code spans and commands,
 * where an escape would become part of the command. Refuses anything that
 * is not a C identifier, so only names toDriverName made can pass.
 */
export function verbatimIdentifier(name: string): Rendered {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${JSON.stringify(name)}`);
  return new Rendered(name);
}
