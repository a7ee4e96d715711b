// Template: <name>.sln, a Visual Studio 2022 solution holding the one driver
// project. The format has no escapes: values are identifiers and GUIDs, and
// the .sln escaper refuses anything that could end a quoted field.

export const slnTemplate = String.raw`
Microsoft Visual Studio Solution File, Format Version 12.00
# Visual Studio Version 17
VisualStudioVersion = 17.0.31903.59
MinimumVisualStudioVersion = 10.0.40219.1
Project("{8BC9CEB8-8B4A-11D0-8D11-00A0C91BC942}") = "{{name}}", "{{name}}.vcxproj", "{{projectGuid}}"
EndProject
Global
	GlobalSection(SolutionConfigurationPlatforms) = preSolution
{{solutionConfigurations}}
	EndGlobalSection
	GlobalSection(ProjectConfigurationPlatforms) = postSolution
{{projectConfigurations}}
	EndGlobalSection
	GlobalSection(SolutionProperties) = preSolution
		HideSolutionNode = FALSE
	EndGlobalSection
	GlobalSection(ExtensibilityGlobals) = postSolution
		SolutionGuid = {{solutionGuid}}
	EndGlobalSection
EndGlobal
`;

/** One solution configuration, e.g. "Debug|x64 = Debug|x64". */
export const slnSolutionConfiguration = '\t\t{{configuration}}|{{platform}} = {{configuration}}|{{platform}}';

/** What building, and deploying, that configuration does with the project. */
export const slnProjectConfiguration = [
  '\t\t{{projectGuid}}.{{configuration}}|{{platform}}.ActiveCfg = {{configuration}}|{{platform}}',
  '\t\t{{projectGuid}}.{{configuration}}|{{platform}}.Build.0 = {{configuration}}|{{platform}}',
  '\t\t{{projectGuid}}.{{configuration}}|{{platform}}.Deploy.0 = {{configuration}}|{{platform}}',
].join('\n');
