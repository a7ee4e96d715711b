// The Visual Studio side of an export: <name>.vcxproj and <name>.sln, from
// the templates in driver/templates/. Both list the same four
// configurations, Debug and Release for x64 and ARM64, the platforms the WDK
// builds drivers for.

import { slnProjectConfiguration, slnSolutionConfiguration, slnTemplate } from '../../../driver/templates/sln';
import {
  vcxprojCompileItem,
  vcxprojConfigurationGroup,
  vcxprojConfigurationItem,
  vcxprojIncludeItem,
  vcxprojTemplate,
} from '../../../driver/templates/vcxproj';
import { escapeSln, escapeXml } from './escape';
import { guidFor } from './guid';
import { render, renderEach } from './render';

export const CONFIGURATIONS = ['Debug', 'Release'] as const;
export const PLATFORMS = ['x64', 'ARM64'] as const;

function configurationRows(): { configuration: string; platform: string }[] {
  return CONFIGURATIONS.flatMap((configuration) => PLATFORMS.map((platform) => ({ configuration, platform })));
}

export function projectGuid(name: string): string {
  return guidFor('vcxproj', name);
}

/** MSBuild paths use backslashes; `sources` are the export's relative paths. */
function windowsPath(path: string): string {
  return path.replace(/\//g, '\\');
}

/** <name>.vcxproj: a WDM driver compiled from `sources` (relative .c/.h paths). */
export function renderVcxproj(name: string, sources: readonly string[]): string {
  const rows = configurationRows();
  const pathRows = (ext: string) =>
    sources.filter((s) => s.endsWith(ext)).map((s) => ({ path: windowsPath(s) }));
  return render(
    vcxprojTemplate,
    {
      name,
      projectGuid: projectGuid(name),
      projectConfigurations: renderEach(vcxprojConfigurationItem, rows, escapeXml),
      configurationGroups: renderEach(
        vcxprojConfigurationGroup,
        rows.map((r) => ({ ...r, debug: r.configuration === 'Debug' ? 'true' : 'false' })),
        escapeXml,
      ),
      compileItems: renderEach(vcxprojCompileItem, pathRows('.c'), escapeXml),
      includeItems: renderEach(vcxprojIncludeItem, pathRows('.h'), escapeXml),
    },
    escapeXml,
  );
}

/** <name>.sln: the solution holding the one project. */
export function renderSln(name: string): string {
  const guid = projectGuid(name);
  const rows = configurationRows();
  return render(
    slnTemplate,
    {
      name,
      projectGuid: guid,
      solutionGuid: guidFor('sln', name),
      solutionConfigurations: renderEach(slnSolutionConfiguration, rows, escapeSln),
      projectConfigurations: renderEach(
        slnProjectConfiguration,
        rows.map((r) => ({ ...r, projectGuid: guid })),
        escapeSln,
      ),
    },
    escapeSln,
  );
}
