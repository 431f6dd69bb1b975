/**
 * Deterministic synthetic policies of any size for the compile-time benchmark: declared fields
 * and events, named lists, sections of about 25 rules each (every third section decays), profile
 * rules of every kind (comparisons, between, in, contains/starts with, is missing, is true, and/or/not),
 * event rules with `each, at most`, `N times within D days`, names with `*`, `no … for`, a blacklist,
 * and grade, stage and route decisions over the sections. The same count always gives the same text.
 */

const rulesPerSection = 25;

/** A small fixed-seed generator, so a policy size always gives the same policy. */
function randomSource(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return {
    int: (low: number, high: number) => low + Math.floor(next() * (high - low + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

const industries = ['software', 'it services', 'fintech', 'retail', 'healthcare', 'education', 'logistics', 'media'];
const countries = ['DE', 'AT', 'CH', 'US', 'FR', 'GB', 'NL', 'SE', 'PL', 'ES'];
const titleWords = ['CEO', 'CTO', 'CMO', 'VP', 'Head of', 'Director', 'Manager', 'Founder', 'Lead'];
const builtinEvents = [
  'open email',
  'click email',
  'reply email',
  'visit page',
  'download whitepaper',
  'download ebook',
  'submit form',
  'request demo',
  'request trial',
  'attend webinar',
  'watch video',
];
const pages = ['/pricing*', '/docs/*', '/blog/*', '/customers*', '/integrations/*', '/security'];

/** A policy with `ruleCount` rules, the blacklist one included (decision rows not counted). */
export function generatePolicy(ruleCount: number, seed = 20261123): string {
  const random = randomSource(seed + ruleCount);
  const sectionCount = Math.max(1, Math.ceil(ruleCount / rulesPerSection));
  const customFields = Math.max(2, Math.min(40, Math.ceil(ruleCount / 50)));
  const customEvents = Math.max(1, Math.min(20, Math.ceil(ruleCount / 100)));
  const listCount = Math.max(2, Math.min(30, Math.ceil(ruleCount / 60)));
  const lines: string[] = [`policy "Generated ${ruleCount}-rule policy"`, ''];

  for (let i = 0; i < customEvents; i++) lines.push(`event use feature${i}, report${i}`);
  for (let i = 0; i < customFields; i++) lines.push(`field metric${i}: number`, `field flag${i}: boolean`, `field segment${i}: text`);
  for (let i = 0; i < listCount; i++) {
    const entries = Array.from({ length: random.int(2, 8) }, (_, n) => `"${random.pick(industries)}-${i}-${n}.com"`);
    lines.push(`list domains${i} = [${entries.join(', ')}]`);
  }
  lines.push('');

  const profileRule = (): string => {
    const field = random.int(0, customFields - 1);
    switch (random.int(0, 9)) {
      case 0:
        return `when metric${field} >= ${random.int(1, 500)} add ${random.int(1, 20)}`;
      case 1:
        return `when employees between ${random.int(1, 100)} and ${random.int(101, 5000)} add ${random.int(1, 20)}`;
      case 2:
        return `when industry in ["${random.pick(industries)}", "${random.pick(industries)}"] add ${random.int(1, 15)}`;
      case 3:
        return `when title contains any ["${random.pick(titleWords)}", "${random.pick(titleWords)}"] add ${random.int(5, 20)}`;
      case 4:
        return `when domain in domains${random.int(0, listCount - 1)} subtract ${random.int(1, 10)}`;
      case 5:
        return `when phone is missing subtract ${random.int(1, 10)}`;
      case 6:
        return `when flag${field} is true and country in ["${random.pick(countries)}", "${random.pick(countries)}"] add ${random.int(1, 15)}`;
      case 7:
        return `when segment${field} starts with "${random.pick(industries).slice(0, 3)}" or revenue >= ${random.int(1, 50)}M add ${random.int(1, 15)}`;
      case 8:
        return `when not (metric${field} < ${random.int(1, 100)}) add ${random.int(1, 10)}`;
      default:
        return `when website ends with ".${random.pick(['io', 'com', 'de'])}" add ${random.int(1, 5)}`;
    }
  };
  const eventPattern = (): string => (random.chance(0.2) ? `use feature${random.int(0, customEvents - 1)}` : random.pick(builtinEvents));
  const eventRule = (): string => {
    switch (random.int(0, 4)) {
      case 0:
        return `when ${eventPattern()} add ${random.int(1, 10)} each, at most ${random.int(10, 50)}`;
      case 1:
        return `when ${eventPattern()} ${random.int(2, 5)} times within ${random.int(3, 30)} days add ${random.int(5, 30)}`;
      case 2:
        return `when visit page "${random.pick(pages)}" within ${random.int(7, 60)} days add ${random.int(5, 25)}`;
      case 3:
        return `when no ${eventPattern()} for ${random.int(14, 90)} days subtract ${random.int(1, 10)}`;
      default:
        return `when ${eventPattern()} add ${random.int(5, 40)}`;
    }
  };

  let written = 0;
  for (let s = 0; s < sectionCount && written < ruleCount - 1; s++) {
    lines.push(`section${s}:`);
    for (let r = 0; r < rulesPerSection && written < ruleCount - 1; r++, written++) lines.push(`  ${random.chance(0.5) ? profileRule() : eventRule()}`);
    if (s % 3 === 1) lines.push(`  decay half-life ${random.int(14, 120)} days`);
    lines.push('');
  }

  const threshold = (section: number) => `section${section} >= ${random.int(5, 60)}`;
  lines.push('when domain in domains0 blacklist', '');
  lines.push(`grade "A" when ${threshold(0)}`, `grade "B" when ${threshold(0)}`, 'grade "C" otherwise', '');
  const last = sectionCount - 1;
  lines.push(`stage "SQL" when ${threshold(0)} and ${threshold(last)}`, 'stage "MQL" when score >= 50', 'stage "Nurture" otherwise', '');
  lines.push('route "Enterprise" when employees > 1000 and stage = "SQL"', 'route "Inbound SDR" when stage = "MQL"', 'route "Marketing" otherwise');
  return lines.join('\n') + '\n';
}
