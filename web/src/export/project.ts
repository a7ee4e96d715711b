// exportProject: a scenario as a real driver project, as a map from relative
// path to file text. Pure: no DOM, no Node, no clock, so the browser and Node
// produce the same files byte for byte. Where the files go is the caller's
// business (driver/node/write-project.ts on disk, a zip in the browser).

import { compatHeaderTemplate, extraDefLine, extraDefTemplate } from '../../../driver/templates/mingw';
import { infTemplate } from '../../../driver/templates/inf';
import { makefileTemplate } from '../../../driver/templates/makefile';
import { readmeTemplate } from '../../../driver/templates/readme';
import laterExports from '../../../driver/later-exports.json';
import { escapeInfString, escapeLine, escapeMakeComment, escapeMarkdown } from './escape';
import { ExportError, stemOf, toDriverName, toLabel } from './names';
import { render, renderEach, verbatimIdentifier } from './render';
import { blankHeaders } from '../examples/headers';
import { codeTour, type EntryPoint } from './tour';
import { renderSln, renderVcxproj } from './visual-studio';

export interface ExportInput {
  /** What the user called the scenario; made a driver name by toDriverName. */
  name: string;
  /**
   * The scenario's C source, copied to src/<name>.c byte for byte, except an
   * example's header comments (`@title`, `@expect`…), which are blanked so
   * that every line keeps its number (web/src/examples/headers.ts).
   */
  source: string;
  /** wdkm.h and the core's .c and .h files, by bare file name. */
  coreFiles: Readonly<Record<string, string>>;
  /** A human title (service display name, README heading); defaults to the name. */
  label?: string;
  /** More sources for src/ by bare file name (the self-test's test file). */
  extraSources?: Readonly<Record<string, string>>;
  /**
   * The project's entry points from its checked program (`entryPoints` in
   * web/src/scenario/entry-points.ts; the app's checker sends them), which
   * the Code Tour names in order. Never read from the text, which cannot
   * tell code under `#if 0` from live code.
   */
  entryPoints: readonly EntryPoint[];
}

const SOURCE_FILE = /^[A-Za-z0-9_]+\.[ch]$/;

/**
 * The driver name exportProject will use for `raw`, or an ExportError. The
 * stems of the other sources are taken: src/grt.c would share grt.obj with
 * src/wdkm/grt.c in Visual Studio's single object folder.
 */
export function driverNameFor(
  raw: string,
  coreFiles: Readonly<Record<string, string>> = {},
  extra: Readonly<Record<string, string>> = {},
): string {
  const taken = new Set([...Object.keys(coreFiles), ...Object.keys(extra)].map(stemOf));
  return toDriverName(raw, taken);
}

function checkFileNames(files: Readonly<Record<string, string>>, what: string): string[] {
  const names = Object.keys(files).sort();
  for (const file of names) {
    if (!SOURCE_FILE.test(file)) throw new ExportError(`${what} "${file}" is not a plain .c or .h file name`);
  }
  return names;
}

/** Windows tools get Windows line ends; make and the sources keep theirs. */
function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** src/mingw/: the compat header and the .def of later kernel exports. */
function mingwFiles(files: Map<string, string>): void {
  files.set('src/mingw/wdkm_mingw_compat.h', render(compatHeaderTemplate, {}, escapeLine));
  const rows = laterExports.exports.map((e) => ({ name: e.name, addedIn: e.addedIn }));
  const exports = renderEach(extraDefLine, rows, escapeLine);
  files.set('src/mingw/ntoskrnl_extra.def', render(extraDefTemplate, { exports }, escapeLine));
}

export function exportProject(input: ExportInput): Map<string, string> {
  const extra = input.extraSources ?? {};
  const core = checkFileNames(input.coreFiles, 'core file');
  const extraNames = checkFileNames(extra, 'source');
  if (!core.includes('wdkm.h')) throw new ExportError('the core files must include wdkm.h');
  if (!core.some((f) => f.endsWith('.c'))) throw new ExportError('the core files hold no .c file');
  const name = driverNameFor(input.name, input.coreFiles, extra);
  const label = toLabel(input.label, name);

  const files = new Map<string, string>();
  files.set(`src/${name}.c`, blankHeaders(input.source));
  for (const f of extraNames) files.set(`src/${f}`, extra[f]);
  for (const f of core) files.set(`src/wdkm/${f}`, input.coreFiles[f]);
  mingwFiles(files);

  const sources = [...files.keys()].filter((p) => /\.[ch]$/.test(p) && !p.startsWith('src/mingw/'));
  files.set('Makefile', render(makefileTemplate, { name, label }, escapeMakeComment));
  files.set(`${name}.inf`, crlf(render(infTemplate, { name, label }, escapeInfString)));
  files.set(`${name}.vcxproj`, crlf(renderVcxproj(name, sources)));
  files.set(`${name}.sln`, crlf(renderSln(name)));
  files.set('README.md', render(
    readmeTemplate,
    { title: label, name: verbatimIdentifier(name), codeTour: codeTour(input.entryPoints) },
    escapeMarkdown,
  ));
  files.set('.gitignore', 'build/\nx64/\nARM64/\n.vs/\n*.user\n');
  return files;
}
