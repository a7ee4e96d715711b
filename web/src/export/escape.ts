// One escaper per kind of generated text. Every value the generator puts into
// a template passes through the escaper of that template's kind (render.ts),
// so a label can never close an XML element, end an INF string, start a Make
// recipe or open a Markdown link, whatever it holds.

/** XML character data and attribute values (vcxproj). */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * The inside of a quoted INF string (the [Strings] section): a quote is
 * written twice, and so is '%', which otherwise starts a %strkey%
 * substitution. Line breaks cannot appear in an INF value and become spaces.
 */
export function escapeInfString(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/"/g, '""').replace(/%/g, '%%');
}

/**
 * Text inside a Makefile comment line: a line break would end the comment
 * and start a rule, and a trailing backslash would continue the comment onto
 * the next (real) line, so both go. '$' is doubled so that the same text is
 * also inert in a variable value.
 */
export function escapeMakeComment(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/\\+$/, '').replace(/\$/g, '$$$$');
}

/**
 * Plain text in Markdown prose: the characters that start emphasis, code,
 * links, HTML or headings are backslash-escaped.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()#+!<>|~]/g, '\\$&');
}

/**
 * A value inside a .sln: project names are written between double quotes,
 * which the format cannot escape, so a quote is refused outright.
 */
export function escapeSln(text: string): string {
  if (/["\r\n]/.test(text)) throw new Error(`cannot write ${JSON.stringify(text)} into a .sln`);
  return text;
}

/**
 * Text on one line of a line-oriented file (a .def entry and its trailing
 * comment): a line break would start a new entry.
 */
export function escapeLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
