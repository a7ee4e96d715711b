// A reader for Visual Studio .sln files, as far as the generated one goes:
// the header, Project/EndProject pairs with their quoted fields, and the
// Global sections, balanced. Throws SlnError on anything malformed.

export interface SlnProject {
  typeGuid: string;
  name: string;
  path: string;
  guid: string;
}

export interface Sln {
  formatVersion: string;
  projects: SlnProject[];
  /** GlobalSection name -> its "key = value" lines. */
  sections: Map<string, [string, string][]>;
}

export class SlnError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

export const GUID = /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/;

const PROJECT = /^Project\("(\{[^"]+\})"\) = "([^"]+)", "([^"]+)", "(\{[^"]+\})"$/;

export function parseSln(text: string): Sln {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const sln: Sln = { formatVersion: '', projects: [], sections: new Map() };
  let inProject = false;
  let inGlobal = false;
  let section: [string, string][] | null = null;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    const fail = (message: string): never => {
      throw new SlnError(message, line);
    };
    if (text === '' || text.startsWith('#')) return;
    const header = /^Microsoft Visual Studio Solution File, Format Version (\d+\.\d+)$/.exec(text);
    if (header) {
      sln.formatVersion = header[1];
      return;
    }
    if (!sln.formatVersion) fail('no solution file header');
    const project = PROJECT.exec(text);
    if (project) {
      if (inProject || inGlobal) fail('Project inside another block');
      const [, typeGuid, name, path, guid] = project;
      if (!GUID.test(typeGuid) || !GUID.test(guid)) fail('malformed GUID');
      sln.projects.push({ typeGuid, name, path, guid });
      inProject = true;
    } else if (text === 'EndProject') {
      if (!inProject) fail('EndProject without Project');
      inProject = false;
    } else if (text === 'Global') {
      if (inProject || inGlobal) fail('Global inside another block');
      inGlobal = true;
    } else if (text === 'EndGlobal') {
      if (!inGlobal || section) fail('unbalanced EndGlobal');
      inGlobal = false;
    } else if (/^GlobalSection\((\w+)\) = (preSolution|postSolution)$/.test(text)) {
      if (!inGlobal || section) fail('GlobalSection outside Global');
      section = [];
      sln.sections.set(/^GlobalSection\((\w+)\)/.exec(text)![1], section);
    } else if (text === 'EndGlobalSection') {
      if (!section) fail('EndGlobalSection without GlobalSection');
      section = null;
    } else if (section) {
      const pair = /^(.+?) = (.+)$/.exec(text);
      if (!pair) fail(`not "key = value": ${text}`);
      section.push([pair![1], pair![2]]);
    } else if (!/^(VisualStudioVersion|MinimumVisualStudioVersion) = [\d.]+$/.test(text)) {
      fail(`unexpected line: ${text}`);
    }
  });
  if (inProject || inGlobal) throw new SlnError('unterminated block', lines.length);
  return sln;
}
