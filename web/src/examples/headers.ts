/* An example's header comments: the gallery's `/* @title … @group …
   @description … *\/` at the top, and the `@expect`/`@explore` lines the CLI
   tests read. They describe the file; they are not part of the driver. The
   app opens an example without them (stripHeaders); an export blanks them
   (blankHeaders), keeping every other line at its number, so a line that
   `wdkm run FILE` names is the same line in the exported driver. */

/** Leading `/* @... *\/` comments, which may span lines. */
const LEADING = /^(?:\s*\/\*\s*@[\s\S]*?\*\/[ \t]*\n)+/;
/** A whole line that is one header comment: `@explore` lines sit at the end of a file. */
const HEADER_LINE = /^[ \t]*\/\*\s*@(?:title|group|description|expect|explore)\b.*\*\/[ \t]*$/;

/** The source's lines and which of them are header comments (or blank lines among the leading ones). */
function headerLines(source: string): { lines: string[]; header: boolean[]; leading: boolean } {
  const lead = LEADING.exec(source)?.[0] ?? '';
  const leadingLines = lead.split('\n').length - 1;
  const lines = source.split('\n');
  return { lines, header: lines.map((l, i) => i < leadingLines || HEADER_LINE.test(l)), leading: leadingLines > 0 };
}

/** The driver as the editor opens it: header comments removed, with the blank lines after the leading ones. */
export function stripHeaders(source: string): string {
  const { lines, header, leading } = headerLines(source);
  const body = lines.filter((_, i) => !header[i]).join('\n');
  return (leading ? body.replace(/^\s*/, '') : body).replace(/\n{2,}$/, '\n');
}

/** The driver as an export writes it: each header comment line made blank, every other line unchanged and at its number. */
export function blankHeaders(source: string): string {
  const { lines, header } = headerLines(source);
  return header.some(Boolean) ? lines.map((l, i) => (header[i] ? '' : l)).join('\n') : source;
}
