// The conformance table: which rule of the kernel-semantics spec is checked by
// which test, or why no driver can observe it. Pure functions over three
// inputs, so that the command (scripts/conformance.ts) and the doc check
// (scripts/conformance.test.ts) build the same table:
//  - core-c/tests/rules.json: the rule ids, our short titles and the
//    not-observable reasons (the one source of the id list in the repo);
//  - core-c/tests/test_list.h: the rule tests and their names;
//  - the names of the tests that passed in each build (native, ASan+UBSan,
//    WebAssembly), read from the harness's "ok   NAME" lines.
import { readFileSync } from 'node:fs';

export interface RuleEntry {
  id: string;
  title: string;
  /** Why no driver can observe the rule; absent when tests check it. */
  notObservable?: string;
}

export interface RuleStatus {
  id: string;
  title: string;
  status: 'tested' | 'not-observable' | 'missing';
  tests: string[];
  reason: string | null;
}

export const RULES_FILE = 'core-c/tests/rules.json';
export const TEST_LIST_FILE = 'core-c/tests/test_list.h';
export const DOC_FILE = 'docs/conformance.md';

const ID = /^[A-Z]+-[0-9]+[a-z]?$/;

export function parseRules(text: string): RuleEntry[] {
  const data = JSON.parse(text) as { rules?: unknown };
  if (!Array.isArray(data.rules)) throw new Error(`${RULES_FILE}: expected {"rules": [...]}`);
  const seen = new Set<string>();
  return data.rules.map((r: RuleEntry, i: number) => {
    if (typeof r.id !== 'string' || !ID.test(r.id)) throw new Error(`${RULES_FILE}: entry ${i + 1} has no valid id`);
    if (seen.has(r.id)) throw new Error(`${RULES_FILE}: ${r.id} is listed twice`);
    if (typeof r.title !== 'string' || r.title === '') throw new Error(`${RULES_FILE}: ${r.id} has no title`);
    if (r.notObservable !== undefined && (typeof r.notObservable !== 'string' || r.notObservable === ''))
      throw new Error(`${RULES_FILE}: ${r.id}: notObservable must be a reason`);
    seen.add(r.id);
    return r;
  });
}

/** The test names in test_list.h, in order. */
export function parseTestList(text: string): string[] {
  return [...text.matchAll(/^TEST_CASE\(([A-Za-z0-9_]+),/gm)].map((m) => m[1]);
}

/**
 * The rule ids a test name declares: the name starts with one or more ids
 * written with '_' for '-' (KM_7_..., or KM_7_BC_41_... for two rules), and the
 * rest is lower case. Names starting in lower case (crate_*, sched_*) check no
 * spec rule and declare none.
 */
export function idsOfTest(name: string): string[] {
  const ids: string[] = [];
  let rest = name;
  for (;;) {
    const m = /^([A-Z]+)_([0-9]+[a-z]?)(?:_|$)/.exec(rest);
    if (!m) break;
    ids.push(`${m[1]}-${m[2]}`);
    rest = rest.slice(m[0].length);
  }
  return ids;
}

/** The ids of the spec's summary table (section 16), in order. */
export function specIds(specText: string): string[] {
  return [...specText.matchAll(/^\| ([A-Z]+-[0-9]+[a-z]?) \|/gm)].map((m) => m[1]);
}

/** Problems with the inputs: unknown ids in test names, names that look like ids but are not. */
export function checkTestNames(rules: RuleEntry[], tests: string[]): string[] {
  const known = new Set(rules.map((r) => r.id));
  const problems: string[] = [];
  for (const t of tests) {
    const ids = idsOfTest(t);
    if (ids.length === 0 && /^[A-Z]/.test(t)) problems.push(`test ${t}: starts in upper case but names no rule id (write KM_7_what_it_checks)`);
    for (const id of ids) if (!known.has(id)) problems.push(`test ${t}: ${id} is not a rule id in ${RULES_FILE}`);
  }
  return problems;
}

/** Differences between the repo's id list and the spec's (empty when they agree). */
export function crossCheck(rules: RuleEntry[], spec: string[]): string[] {
  const ours = new Set(rules.map((r) => r.id));
  const theirs = new Set(spec);
  return [
    ...spec.filter((id) => !ours.has(id)).map((id) => `${id} is in the spec but not in ${RULES_FILE}`),
    ...rules.filter((r) => !theirs.has(r.id)).map((r) => `${r.id} is in ${RULES_FILE} but not in the spec`),
  ];
}

/**
 * The table. `passed` is the set of test names that passed in every build;
 * a rule is tested when at least one passing test declares it.
 */
export function buildTable(rules: RuleEntry[], tests: string[], passed: Set<string>): RuleStatus[] {
  const byId = new Map<string, string[]>();
  for (const t of tests)
    for (const id of idsOfTest(t)) {
      if (!byId.has(id)) byId.set(id, []);
      byId.get(id)!.push(t);
    }
  return rules.map((r) => {
    const declared = byId.get(r.id) ?? [];
    const ran = declared.filter((t) => passed.has(t));
    if (ran.length > 0) return { id: r.id, title: r.title, status: 'tested', tests: ran, reason: null };
    if (r.notObservable) return { id: r.id, title: r.title, status: 'not-observable', tests: [], reason: r.notObservable };
    return { id: r.id, title: r.title, status: 'missing', tests: declared, reason: null };
  });
}

/** Names of tests that passed, from the harness's output ("ok   NAME" lines). */
export function passedTests(output: string): Set<string> {
  return new Set([...output.matchAll(/^ok {3}([A-Za-z0-9_]+)$/gm)].map((m) => m[1]));
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** docs/conformance.md's generated table (between the markers), from the declared tests. */
export function renderTable(rows: RuleStatus[]): string {
  const lines = ['| Rule | What it says (our summary) | Status | Tests or reason |', '| --- | --- | --- | --- |'];
  for (const r of rows) {
    const detail = r.status === 'not-observable' ? cell(r.reason ?? '') : r.tests.map((t) => `\`${t}\``).join(', ');
    lines.push(`| ${r.id} | ${cell(r.title)} | ${r.status} | ${detail} |`);
  }
  const tested = rows.filter((r) => r.status === 'tested').length;
  const no = rows.filter((r) => r.status === 'not-observable').length;
  const missing = rows.length - tested - no;
  lines.push('', `${rows.length} rules: ${tested} tested, ${no} not observable, ${missing} without a test yet.`);
  return lines.join('\n');
}

export const BEGIN = '<!-- conformance table: generated by `npm run conformance -- --write-doc`; do not edit -->';
export const END = '<!-- end of conformance table -->';

/** The doc with its table replaced by `table`. */
export function replaceTable(doc: string, table: string): string {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${DOC_FILE}: the table markers are missing`);
  return `${doc.slice(0, a + BEGIN.length)}\n${table}\n${doc.slice(b)}`;
}

/** The table the doc must show: every declared test counted as passing. */
export function docTable(root: string): string {
  const rules = parseRules(readFileSync(`${root}/${RULES_FILE}`, 'utf8'));
  const tests = parseTestList(readFileSync(`${root}/${TEST_LIST_FILE}`, 'utf8'));
  return renderTable(buildTable(rules, tests, new Set(tests)));
}
