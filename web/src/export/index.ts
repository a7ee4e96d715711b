// The export feature's public surface: a scenario in, a driver project out.
export { exportProject, driverNameFor } from './project';
export type { ExportInput } from './project';
export { ExportError, MAX_LABEL_LENGTH, MAX_NAME_LENGTH } from './names';
