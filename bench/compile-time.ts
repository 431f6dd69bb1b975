/** How long generated policies of growing size take from source to rule graph and from rule graph to a loaded policy. */
import { compile } from '../compiler/index.js';
import { loadPolicy } from '../runtime/index.js';
import { generatePolicy } from './policy-generator.js';

export interface CompileTiming {
  rules: number;
  /** Milliseconds, the fastest of a few runs. */
  compileMs: number;
  loadGeneratedMs: number;
  loadInterpreterMs: number;
}

function fastest(runs: number, task: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    task();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

export function measureCompileTime(sizes: readonly number[]): CompileTiming[] {
  // The parser and checker warm up on a small policy first, as in any long-running host.
  for (let i = 0; i < 5; i++) compile(generatePolicy(100, i), { fileName: 'warm-up.score' });
  return sizes.map((rules) => {
    const text = generatePolicy(rules);
    const runs = rules >= 10_000 ? 2 : 5;
    const { ir, diagnostics } = compile(text, { fileName: `generated-${rules}.score` });
    if (!ir) throw new Error(`the generated ${rules}-rule policy does not compile: ${diagnostics.find((d) => d.severity === 'error')?.message}`);
    return {
      rules,
      compileMs: fastest(runs, () => compile(text, { fileName: `generated-${rules}.score` })),
      loadGeneratedMs: fastest(runs, () => loadPolicy(ir, { backend: 'generated' })),
      loadInterpreterMs: fastest(runs, () => loadPolicy(ir, { backend: 'interpreter' })),
    };
  });
}
