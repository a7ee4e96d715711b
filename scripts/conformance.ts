// npm run conformance [-- --json] [-- --write-doc] [-- --spec PATH] [-- --report]
// Runs the core's test suite in its three builds (native, ASan+UBSan,
// WebAssembly under Node), keeps the tests that passed in all three, and
// prints for every rule of the spec whether a passing test checks it, or why
// no driver can observe it. Exits 1 when a rule has neither, when a test name
// declares an unknown id, or when the spec (if found) lists other ids than
// core-c/tests/rules.json. With --report a rule with neither is listed but
// does not fail the run (npm test's mode until every rule is covered).
// docs/conformance.md explains the naming rules.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DOC_FILE, RULES_FILE, TEST_LIST_FILE, buildTable, checkTestNames, crossCheck, docTable, parseRules,
  parseTestList, passedTests, replaceTable, specIds,
} from './conformance-lib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const report = args.includes('--report');

function fail(message: string): never {
  console.error(`conformance: ${message}`);
  process.exit(1);
}

function option(name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  if (i + 1 >= args.length) fail(`${name} needs a value`);
  return args[i + 1];
}

for (const a of args)
  if (a.startsWith('--') && !['--json', '--write-doc', '--spec', '--report'].includes(a))
    fail(`unknown option ${a} (options: --json, --write-doc, --spec PATH, --report)`);

if (args.includes('--write-doc')) {
  const path = join(root, DOC_FILE);
  writeFileSync(path, replaceTable(readFileSync(path, 'utf8'), docTable(root)));
  console.log(`wrote ${DOC_FILE}`);
  process.exit(0);
}

/** The spec lives outside the repository: --spec, $WDKM_SPEC, or shared/spec/ beside an ancestor. */
function findSpec(): string | undefined {
  const given = option('--spec') ?? process.env.WDKM_SPEC;
  if (given) {
    if (!existsSync(given)) fail(`no spec at ${given}`);
    return given;
  }
  for (let dir = root; ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'spec', 'kernel-semantics.md');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

interface Build { name: string; file: string; command: string[]; env?: Record<string, string> }
const builds: Build[] = [
  { name: 'native', file: 'core-c/build/native/wdkm_tests', command: ['core-c/build/native/wdkm_tests'] },
  {
    name: 'ASan+UBSan', file: 'core-c/build/sanitize/wdkm_tests', command: ['core-c/build/sanitize/wdkm_tests'],
    env: { ASAN_OPTIONS: 'detect_leaks=1', UBSAN_OPTIONS: 'halt_on_error=1' },
  },
  { name: 'WebAssembly', file: 'core-c/build/wasm/wdkm_tests.cjs', command: [process.execPath, 'core-c/build/wasm/wdkm_tests.cjs'] },
];

const rules = parseRules(readFileSync(join(root, RULES_FILE), 'utf8'));
const tests = parseTestList(readFileSync(join(root, TEST_LIST_FILE), 'utf8'));
const problems = checkTestNames(rules, tests);
const spec = findSpec();
if (spec) problems.push(...crossCheck(rules, specIds(readFileSync(spec, 'utf8'))));

let passed: Set<string> | undefined;
const failedSomewhere: string[] = [];
for (const b of builds) {
  if (!existsSync(join(root, b.file)))
    fail(`${b.file} is missing: build the core first (npm run build:core, without WDKM_SKIP_SANITIZE)`);
  const run = spawnSync(b.command[0], b.command.slice(1), {
    cwd: root, encoding: 'utf8', env: { ...process.env, ...b.env }, maxBuffer: 64 << 20,
  });
  const ok = passedTests(run.stdout ?? '');
  for (const t of tests) if (!ok.has(t)) failedSomewhere.push(`${t} (${b.name})`);
  passed = passed ? new Set([...passed].filter((t) => ok.has(t))) : ok;
}

const table = buildTable(rules, tests, passed ?? new Set());
const missing = table.filter((r) => r.status === 'missing');
if (json) {
  console.log(JSON.stringify({
    rules: table.map(({ id, status, tests: t, reason }) => ({ id, status, tests: t, reason })),
  }));
} else {
  const tested = table.filter((r) => r.status === 'tested').length;
  const no = table.filter((r) => r.status === 'not-observable').length;
  console.log(`${table.length} rules: ${tested} tested (natively, ASan+UBSan and WebAssembly), ${no} not observable, ${missing.length} without either`);
  console.log(spec ? `ids cross-checked with ${spec}` : 'spec not found: ids not cross-checked (pass --spec PATH)');
  for (const r of missing) console.log(`  no test: ${r.id} ${r.title}${r.tests.length ? ` (declared by ${r.tests.join(', ')}, which did not pass everywhere)` : ''}`);
}
for (const f of failedSomewhere) console.error(`conformance: test did not pass: ${f}`);
for (const p of problems) console.error(`conformance: ${p}`);
process.exit((missing.length > 0 && !report) || problems.length > 0 || failedSomewhere.length > 0 ? 1 : 0);
