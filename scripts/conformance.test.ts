import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BEGIN, DOC_FILE, END, RULES_FILE, TEST_LIST_FILE, buildTable, checkTestNames, crossCheck, docTable, idsOfTest,
  parseRules, parseTestList, passedTests, specIds,
} from './conformance-lib';

const rules = parseRules(readFileSync(RULES_FILE, 'utf8'));
const tests = parseTestList(readFileSync(TEST_LIST_FILE, 'utf8'));

describe('conformance table', () => {
  it('reads the rule ids a test name declares', () => {
    expect(idsOfTest('KM_7_release_at_dispatch')).toEqual(['KM-7']);
    expect(idsOfTest('KM_7_BC_41_release_at_dispatch')).toEqual(['KM-7', 'BC-41']);
    expect(idsOfTest('DV_1a_found_before_deadlock')).toEqual(['DV-1a']);
    expect(idsOfTest('DV_1_a_lock')).toEqual(['DV-1']);
    expect(idsOfTest('crate_grt_threads')).toEqual([]);
  });

  it('flags test names with unknown ids or no id', () => {
    expect(checkTestNames(rules, ['KM_99_nothing', 'Km_thing', 'KM_1_fine', 'crate_x'])).toEqual([
      `test KM_99_nothing: KM-99 is not a rule id in ${RULES_FILE}`,
      'test Km_thing: starts in upper case but names no rule id (write KM_7_what_it_checks)',
    ]);
    expect(checkTestNames(rules, tests)).toEqual([]);
  });

  it('counts a rule as tested only through a test that passed', () => {
    const some = [{ id: 'KM-1', title: 'a' }, { id: 'KM-2', title: 'b', notObservable: 'why' }, { id: 'KM-3', title: 'c' }];
    const table = buildTable(some, ['KM_1_x', 'KM_3_y'], passedTests('ok   KM_1_x\nFAIL KM_3_y\n'));
    expect(table.map((r) => [r.id, r.status, r.tests, r.reason])).toEqual([
      ['KM-1', 'tested', ['KM_1_x'], null],
      ['KM-2', 'not-observable', [], 'why'],
      ['KM-3', 'missing', ['KM_3_y'], null],
    ]);
  });

  it('cross-checks the id list against the spec table', () => {
    const spec = '| KM-1 | one |\n| KM-2 | two |\n';
    expect(specIds(spec)).toEqual(['KM-1', 'KM-2']);
    expect(crossCheck([{ id: 'KM-1', title: 'a' }, { id: 'KM-9', title: 'b' }], specIds(spec))).toEqual([
      `KM-2 is in the spec but not in ${RULES_FILE}`,
      `KM-9 is in ${RULES_FILE} but not in the spec`,
    ]);
  });

  it('docs/conformance.md shows the table generated from the rule list and the tests', () => {
    const doc = readFileSync(DOC_FILE, 'utf8');
    const shown = doc.slice(doc.indexOf(BEGIN) + BEGIN.length, doc.indexOf(END)).trim();
    expect(shown).toBe(docTable('.'));
  });
});
