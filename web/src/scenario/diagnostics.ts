/** Diagnostics: what the front end reports, and the gcc-style text form. */

export type Severity = 'error' | 'warning' | 'note';

export interface SourcePos {
  file: string;
  line: number; // 1-based
  col: number; // 1-based, in UTF-16 code units of the line
}

/** A half-open source range: the end column is one past the last character. */
export interface SourceRange extends SourcePos {
  endLine: number;
  endCol: number;
}

export interface Diagnostic extends SourceRange {
  severity: Severity;
  message: string;
}

/** `file:line:col: error: message`, as gcc prints it. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
}

export function formatDiagnostics(ds: readonly Diagnostic[]): string {
  return ds.map(formatDiagnostic).join('\n');
}

/** Sort by position so the output reads top to bottom, like a compiler's. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.slice().sort((a, b) =>
    a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1);
}

/**
 * Collects diagnostics from every phase. A cap keeps a badly broken input
 * (or a fuzzer's) from producing megabytes of errors.
 */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  private seen = new Set<string>();
  constructor(private readonly limit = 200) {}

  add(severity: Severity, message: string, at: SourceRange): void {
    const key = `${severity}|${at.file}|${at.line}|${at.col}|${message}`;
    if (this.seen.has(key) || this.items.length >= this.limit) return;
    this.seen.add(key);
    this.items.push({
      severity, message, file: at.file, line: at.line, col: at.col,
      endLine: at.endLine, endCol: at.endCol,
    });
  }
  error(message: string, at: SourceRange): void { this.add('error', message, at); }
  warning(message: string, at: SourceRange): void { this.add('warning', message, at); }
  note(message: string, at: SourceRange): void { this.add('note', message, at); }
  get errorCount(): number { return this.items.filter((d) => d.severity === 'error').length; }
  get full(): boolean { return this.items.length >= this.limit; }
}

export function rangeFrom(start: SourceRange, end: SourceRange): SourceRange {
  return { file: start.file, line: start.line, col: start.col, endLine: end.endLine, endCol: end.endCol };
}
