// Template: <name>.inf, a primitive driver package: a kernel service that is
// not tied to any device (non-PnP, root of nothing), started on demand, run
// from the driver store. Windows 10 version 1903 and later install it with
// pnputil; the README also shows sc.exe, which needs no INF. Sections are
// decorated per architecture rather than with $ARCH$, because only Visual
// Studio's StampInf expands $ARCH$ and the mingw build does not run it.
// Every value passes through the INF string escaper.

export const infTemplate = String.raw`;
; {{name}}.inf: installs {{name}}.sys as a kernel service started on demand.
;
; Install (Windows 10 version 1903 or later, test signing on):
;     pnputil /add-driver {{name}}.inf /install
;     sc start {{name}}
;

[Version]
Signature   = "$WINDOWS NT$"
Class       = System
ClassGuid   = {4d36e97d-e325-11ce-bfc1-08002be10318}
Provider    = %ProviderName%
DriverVer   = 01/01/2025,1.0.0.0
CatalogFile = {{name}}.cat
PnpLockdown = 1

[DestinationDirs]
DefaultDestDir = 13

[SourceDisksNames]
1 = %DiskName%,,,""

[SourceDisksFiles]
{{name}}.sys = 1

[DefaultInstall.NTamd64]
CopyFiles = {{name}}_Files

[DefaultInstall.NTarm64]
CopyFiles = {{name}}_Files

[DefaultInstall.NTamd64.Services]
AddService = {{name}},,{{name}}_Service

[DefaultInstall.NTarm64.Services]
AddService = {{name}},,{{name}}_Service

[{{name}}_Files]
{{name}}.sys

[{{name}}_Service]
DisplayName   = %ServiceName%
ServiceType   = 1 ; SERVICE_KERNEL_DRIVER
StartType     = 3 ; SERVICE_DEMAND_START: runs when sc start asks
ErrorControl  = 1 ; SERVICE_ERROR_NORMAL: a failed start is logged, boot goes on
ServiceBinary = %13%\{{name}}.sys

[Strings]
ProviderName = "wdk-mutex playground"
DiskName     = "{{label}} source disk"
ServiceName  = "{{label}}"
`;
