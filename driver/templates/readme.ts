// Template: the exported project's README.md. {{title}} is the label, escaped
// for Markdown prose; {{name}} arrives as a checked identifier because it
// also appears inside commands, where an escape would change the command;
// {{codeTour}} is rendered by web/src/export/tour.ts.

export const readmeTemplate = `# {{title}}

A Windows kernel driver exported from the wdk-mutex playground: the scenario
you wrote (\`src/{{name}}.c\`), as you wrote it, around the wdkm mutex core
(\`src/wdkm/\`). It builds to \`{{name}}.sys\` with Visual Studio 2022 and the WDK,
or with mingw-w64 on Linux or WSL.

**Run it only in a virtual machine or on a test computer.** A driver runs in the
kernel: a mistake in it stops the whole machine with a bug check.

## Files

| file | what it is |
|---|---|
| \`src/{{name}}.c\` | the scenario: DriverEntry and its routines |
| \`src/wdkm/\` | the wdkm core (\`wdkm.h\` and its sources), unchanged |
| \`{{name}}.sln\`, \`{{name}}.vcxproj\` | the Visual Studio 2022 + WDK project (WDM driver) |
| \`{{name}}.inf\` | installs the driver as a demand-start kernel service |
| \`Makefile\`, \`src/mingw/\` | the mingw-w64 build and what it adds to mingw's headers |

## Build

**Visual Studio 2022 with the WDK.** Install Visual Studio 2022 with "Desktop
development with C++" and the MSVC Spectre-mitigated libraries, then the
Windows SDK and the WDK of the same version. Open \`{{name}}.sln\`, pick Debug or
Release and x64 or ARM64, and build: the driver and its package land in
\`x64\\Debug\\{{name}}\` (and so on). Warnings are errors.

**mingw-w64 on Linux or WSL** (Debian or Ubuntu: \`sudo apt install mingw-w64 make\`):

    make

gives \`build/{{name}}.sys\` (x64 only). The driver calls \`ExAllocatePool2\`, so it
loads on Windows 10 version 2004 or later.

## Test-sign

64-bit Windows loads only signed drivers. On a test machine, allow
test-signed ones (Secure Boot must be off in the firmware or the VM settings),
from an elevated prompt:

    bcdedit /set testsigning on
    shutdown /r /t 0

Visual Studio signs Debug builds with a test certificate it makes for you. To
sign the mingw build, make a certificate once (elevated PowerShell) and sign
with \`signtool\` from the Windows SDK:

    $cert = New-SelfSignedCertificate -Type CodeSigningCert -Subject "CN=wdkm test" -CertStoreLocation Cert:\\LocalMachine\\My
    Export-Certificate -Cert $cert -FilePath wdkm-test.cer
    certutil -addstore Root wdkm-test.cer
    certutil -addstore TrustedPublisher wdkm-test.cer
    signtool sign /fd sha256 /sm /s My /n "wdkm test" {{name}}.sys

(On older SDKs, \`makecert -r -pe -ss PrivateCertStore -n "CN=wdkm test" wdkm-test.cer\`
makes the certificate, and \`signtool sign /fd sha256 /s PrivateCertStore /n "wdkm test" {{name}}.sys\`
signs with it.)

## Load

Copy \`{{name}}.sys\` to the test machine (say \`C:\\drivers\`), then, elevated:

    sc create {{name}} type= kernel start= demand binPath= C:\\drivers\\{{name}}.sys
    sc start {{name}}

(The spaces after \`type=\`, \`start=\` and \`binPath=\` are required.) \`sc start\`
runs DriverEntry and returns when it does. The INF is the other way in:
\`pnputil /add-driver {{name}}.inf /install\` with a signed catalog, as Visual
Studio's package output has.

## Read the output

The scenario reports through \`DbgPrint\`. Windows drops those messages unless
the debug print filter lets them through: once, elevated, then reboot:

    reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Debug Print Filter" /v DEFAULT /t REG_DWORD /d 0xf

Then watch them in **DebugView** (Sysinternals), run as administrator, with
Capture > Capture Kernel (and Enable Verbose Kernel Output) checked, or in
**WinDbg** attached as a kernel debugger (\`ed nt!Kd_DEFAULT_Mask 0xf\` does the
same as the registry value, without a reboot).

## Driver Verifier

Driver Verifier watches the driver from inside the kernel: IRQL rules, pool
use and leaks, and with deadlock detection (flag 0x20) every lock order the
driver takes, so a KMutex order that could deadlock is reported even when it
did not. Turn on the standard checks, which include deadlock detection, for
this driver only, elevated, then reboot:

    verifier /flags 0x209BB /driver {{name}}.sys
    shutdown /r /t 0

\`verifier /query\` shows what it watched; \`verifier /reset\` (and a reboot) turns
it off. A violation is a bug check whose parameters name the rule; read it
with WinDbg (\`!analyze -v\`, \`!verifier\`, \`!deadlock\`).

## Unload

    sc stop {{name}}
    sc delete {{name}}

\`sc stop\` calls the driver's unload routine. A driver that sets no
\`DriverObject->DriverUnload\` cannot be stopped (error 1052) and stays loaded
until the next reboot; \`sc delete\` then removes the service.

## Code Tour

{{codeTour}}
`;
