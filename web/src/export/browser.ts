// The export for the browser: the generator and the core files Vite bundles.
export * from './index';
export { bundledCoreFiles } from './core-files';
