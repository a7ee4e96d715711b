/** The headers a scenario may include, by name (matched case-insensitively, as on Windows). */
import type { HeaderTable } from '../pp/preprocess';
import { NTDDK_H, WDM_H } from './ntddk';
import { NTDEF_H } from './ntdef';
import { WDKM_H } from './wdkm';

export const HEADERS: HeaderTable = new Map([
  ['ntddk.h', NTDDK_H],
  ['wdm.h', WDM_H],
  ['ntdef.h', NTDEF_H],
  ['wdkm.h', WDKM_H],
]);

export const HEADER_NAMES: ReadonlySet<string> = new Set(HEADERS.keys());
