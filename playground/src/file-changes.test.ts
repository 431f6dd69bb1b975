import { describe, expect, test } from 'vitest';
import { mergeFileChanges, UnsentChanges } from './file-changes.js';

describe('changes to the open files not yet sent to the engine', () => {
  test('merge: later texts win, a reset replaces everything before it, removals stay removed', () => {
    expect(mergeFileChanges(undefined, { set: { a: '1' } })).toEqual({ set: { a: '1' } });
    expect(mergeFileChanges({ set: { a: '1' } }, undefined)).toEqual({ set: { a: '1' } });
    expect(mergeFileChanges({ reset: true, set: { a: '1', b: '1' } }, { set: { a: '2' } })).toEqual({ reset: true, set: { a: '2', b: '1' } });
    expect(mergeFileChanges({ set: { a: '1' } }, { reset: true, set: { c: '3' } })).toEqual({ reset: true, set: { c: '3' } });
    expect(mergeFileChanges({ set: { a: '1' }, remove: ['b'] }, { set: { c: '3' }, remove: ['a'] })).toEqual({ set: { c: '3' }, remove: ['b', 'a'] });
    expect(mergeFileChanges({ set: {}, remove: ['b'] }, { set: { b: 'again' } })).toEqual({ set: { b: 'again' } });
  });

  test('are taken once', () => {
    const unsent = new UnsentChanges();
    unsent.reset([{ path: 'p.score', text: 'a' }]);
    unsent.set('p.score', 'b');
    expect(unsent.take()).toEqual({ reset: true, set: { 'p.score': 'b' } });
    expect(unsent.take()).toBeUndefined();
  });
});
