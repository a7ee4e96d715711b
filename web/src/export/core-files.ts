// The wdkm core as the browser gets it: Vite inlines the text of wdkm.h and
// of every .c and .h of core-c/src at build time (the same files Node reads
// with driver/node/core-files.ts), keyed by bare file name as exportProject
// takes them.

const modules = import.meta.glob(['/core-c/include/wdkm.h', '/core-c/src/*.{c,h}'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export const bundledCoreFiles: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(modules)
    .map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text] as const)
    .sort(([a], [b]) => a.localeCompare(b)),
);
