// Template: <name>.vcxproj, a WDM driver for Visual Studio 2022 with the WDK
// (the shape of the WDK's "Empty WDM Driver" project). Every value passes
// through the XML escaper; the file lists and configuration blocks arrive
// already rendered from the row templates below.

export const vcxprojTemplate = String.raw`<?xml version="1.0" encoding="utf-8"?>
<!-- A WDM driver exported from the wdk-mutex playground. -->
<Project DefaultTargets="Build" ToolsVersion="17.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <ItemGroup Label="ProjectConfigurations">
{{projectConfigurations}}
  </ItemGroup>
  <PropertyGroup Label="Globals">
    <ProjectGuid>{{projectGuid}}</ProjectGuid>
    <RootNamespace>{{name}}</RootNamespace>
    <ProjectName>{{name}}</ProjectName>
    <TargetName>{{name}}</TargetName>
    <MinimumVisualStudioVersion>17.0</MinimumVisualStudioVersion>
    <Configuration Condition="'$(Configuration)' == ''">Debug</Configuration>
    <Platform Condition="'$(Platform)' == ''">x64</Platform>
  </PropertyGroup>
  <Import Project="$(VCTargetsPath)\Microsoft.Cpp.Default.props" />
{{configurationGroups}}
  <Import Project="$(VCTargetsPath)\Microsoft.Cpp.props" />
  <ImportGroup Label="PropertySheets">
    <Import Project="$(UserRootDir)\Microsoft.Cpp.$(Platform).user.props" Condition="exists('$(UserRootDir)\Microsoft.Cpp.$(Platform).user.props')" Label="LocalAppDataPlatform" />
  </ImportGroup>
  <PropertyGroup>
    <DebuggerFlavor>DbgengKernelDebugger</DebuggerFlavor>
  </PropertyGroup>
  <ItemDefinitionGroup>
    <ClCompile>
      <!-- The same bar as the mingw build's -Wall -Wextra -Werror. -->
      <WarningLevel>Level4</WarningLevel>
      <TreatWarningAsError>true</TreatWarningAsError>
      <!-- wdkm.h and the core's private header live in src\wdkm. -->
      <AdditionalIncludeDirectories>$(ProjectDir)src\wdkm;%(AdditionalIncludeDirectories)</AdditionalIncludeDirectories>
    </ClCompile>
    <Link>
      <TreatLinkerWarningAsErrors>true</TreatLinkerWarningAsErrors>
    </Link>
    <DriverSign>
      <FileDigestAlgorithm>sha256</FileDigestAlgorithm>
    </DriverSign>
  </ItemDefinitionGroup>
  <ItemGroup>
{{compileItems}}
  </ItemGroup>
  <ItemGroup>
{{includeItems}}
  </ItemGroup>
  <ItemGroup>
    <Inf Include="{{name}}.inf" />
  </ItemGroup>
  <ItemGroup>
    <FilesToPackage Include="$(TargetPath)" />
  </ItemGroup>
  <Import Project="$(VCTargetsPath)\Microsoft.Cpp.targets" />
</Project>
`;

/** One configuration|platform pair of the ProjectConfigurations list. */
export const vcxprojConfigurationItem = String.raw`    <ProjectConfiguration Include="{{configuration}}|{{platform}}">
      <Configuration>{{configuration}}</Configuration>
      <Platform>{{platform}}</Platform>
    </ProjectConfiguration>`;

/** The WDK settings of one configuration|platform pair. */
export const vcxprojConfigurationGroup = String.raw`  <PropertyGroup Condition="'$(Configuration)|$(Platform)'=='{{configuration}}|{{platform}}'" Label="Configuration">
    <TargetVersion>Windows10</TargetVersion>
    <UseDebugLibraries>{{debug}}</UseDebugLibraries>
    <PlatformToolset>WindowsKernelModeDriver10.0</PlatformToolset>
    <ConfigurationType>Driver</ConfigurationType>
    <DriverType>WDM</DriverType>
  </PropertyGroup>`;

export const vcxprojCompileItem = String.raw`    <ClCompile Include="{{path}}" />`;
export const vcxprojIncludeItem = String.raw`    <ClInclude Include="{{path}}" />`;
