/* The examples bundled with the site, read at build time. */
import { buildCatalogue, type Example } from './catalogue';

const files = import.meta.glob<string>('/examples/*.c', { query: '?raw', import: 'default', eager: true });

export const EXAMPLES: Example[] = buildCatalogue(files);
