/* The course from the lessons/ folder beside the CLI, and the grader's
   dependencies in Node: the same front end and WebAssembly core as `run`. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GradeDeps } from '../web/src/learn/grade';
import { buildCourse, type Lesson } from '../web/src/learn/lesson';
import { runSource } from '../web/src/engine/pipeline';

export const LESSONS_DIR = fileURLToPath(new URL('../lessons', import.meta.url));

/** Reads every lessons/NN-id/ folder (throws LessonFormatError for a malformed one). */
export function readCourse(dir = LESSONS_DIR): Lesson[] {
  const files: Record<string, string> = {};
  for (const folder of readdirSync(dir)) {
    const path = join(dir, folder);
    if (!statSync(path).isDirectory()) continue;
    for (const name of readdirSync(path)) files[`${folder}/${name}`] = readFileSync(join(path, name), 'utf8');
  }
  return buildCourse(files);
}

/** A lesson file's path as printed: relative to the working directory. */
export function lessonPath(lesson: Lesson, name: string, dir = LESSONS_DIR): string {
  const folder = `${String(lesson.order).padStart(2, '0')}-${lesson.id}`;
  return relative(process.cwd(), join(dir, folder, name)) || name;
}

export function nodeGradeDeps(): GradeDeps {
  return {
    async run(source, settings) {
      const r = await runSource(source, settings);
      if (r.kind === 'ran') return { ok: true, value: r.result };
      const err = r.diagnostics.find((d) => d.severity === 'error');
      return { ok: false, message: `The code does not compile: line ${err?.line ?? '?'}: ${err?.message ?? 'error'}` };
    },
  };
}
