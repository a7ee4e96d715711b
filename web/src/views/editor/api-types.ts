export interface ApiEntry {
  name: string;
  header: 'wdkm.h' | 'ntddk.h' | 'ntdef.h';
  signature: string;
  irql: string;
  doc: string;
  kind?: 'function' | 'macro';
}
