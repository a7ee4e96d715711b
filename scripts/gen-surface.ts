// Writes the scenario prelude (the C headers' text) and docs/kernel-api.md.
// Run after editing a header or web/src/scenario/api/routines.ts:
//   npm run gen:surface
import { readFileSync, writeFileSync } from 'node:fs';
import { GENERATED_DOC, GENERATED_PRELUDE, renderApiDoc, renderPreludeModule } from '../web/src/scenario/api/generate';

const read = (p: string) => readFileSync(p, 'utf8');
writeFileSync(GENERATED_PRELUDE, renderPreludeModule(read));
// The surface reads the prelude just written.
const { API, SURFACE_HEADERS } = await import('../web/src/scenario/api/surface');
writeFileSync(GENERATED_DOC, renderApiDoc(API, SURFACE_HEADERS));
console.log(`wrote ${GENERATED_PRELUDE} and ${GENERATED_DOC} (${API.length} entries)`);
