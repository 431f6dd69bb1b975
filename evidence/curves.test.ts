import { describe, expect, it } from 'vitest';
import { seededRandom } from '../spec/random-policy.js';
import { areaUnder, gainsCurve, renderCurvesSvg, rocCurve, chartSeries } from './index.js';
import { aucOf } from './statistics.js';

describe('curves', () => {
  it('the area under the ROC curve is the AUC, ties counting half', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const next = seededRandom(seed);
      const scores = Array.from({ length: 300 }, () => Math.floor(next() * (3 + seed)) * 5);
      const converted = scores.map((score) => next() < 0.1 + score / 200);
      expect(areaUnder(rocCurve(scores, converted))).toBeCloseTo(aucOf(scores, converted).auc, 12);
    }
  });

  it('go from (0, 0) to (1, 1), one point per distinct score, highest first', () => {
    const scores = [90, 50, 50, 10];
    const converted = [true, false, true, false];
    expect(rocCurve(scores, converted)).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 0.5 },
      { x: 0.5, y: 1 },
      { x: 1, y: 1 },
    ]);
    expect(gainsCurve(scores, converted)).toEqual([
      { x: 0, y: 0 },
      { x: 0.25, y: 0.5 },
      { x: 0.75, y: 1 },
      { x: 1, y: 1 },
    ]);
  });

  it('are empty without converted leads (and the ROC curve without unconverted ones)', () => {
    expect(rocCurve([1, 2], [false, false])).toEqual([]);
    expect(gainsCurve([1, 2], [false, false])).toEqual([]);
    expect(rocCurve([1, 2], [true, true])).toEqual([]);
  });
});

describe('renderCurvesSvg', () => {
  it('draws both curves of each series, and escapes every name', () => {
    const svg = renderCurvesSvg([chartSeries('HEAD:<b>"x"&y\u001b[31m', [3, 2, 1], [true, false, false]), chartSeries('new.score', [3, 2, 1], [true, true, false])]);
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    expect(svg).toContain('HEAD:&#60;b&#62;&#34;x&#34;&#38;y\ufffd[31m — AUC 1.000');
    expect(svg).toContain('new.score — AUC 1.000');
    expect([...svg].some((character) => character.charCodeAt(0) < 0x20 && character !== '\n')).toBe(false);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });
});
