// Event-name globs: `*` stands for any run of characters, everything else is literal. Matched
// without regular expressions: a backtracking regex took seconds for `*a*b*c*` on a long name
// (one request could stall `serve`); this takes time linear in the name's length whatever the glob.

/** A compiled glob; `test` says whether a whole name matches it. */
export interface Glob {
  test(name: string): boolean;
}

export function compileGlob(glob: string): Glob {
  const parts = glob.split('*');
  if (parts.length === 1) return { test: (name) => name === glob };
  const head = parts[0]!;
  const tail = parts[parts.length - 1]!;
  const middle = parts.slice(1, -1).filter((part) => part !== '');
  return {
    test(name) {
      if (name.length < head.length + tail.length || !name.startsWith(head) || !name.endsWith(tail)) return false;
      // With only `*` between them, taking each part at its first place after the last is never wrong:
      // any later place leaves less room for the rest.
      const end = name.length - tail.length;
      let at = head.length;
      for (const part of middle) {
        const found = name.indexOf(part, at);
        if (found < 0 || found + part.length > end) return false;
        at = found + part.length;
      }
      return true;
    },
  };
}
